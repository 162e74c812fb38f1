package org.village.casework.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.village.casework.domain.TimelineEntry;
import org.village.casework.store.CaseStore;
import org.village.events.NotificationAcknowledged;
import org.village.events.NotificationEscalated;
import org.village.events.Topics;
import org.village.messaging.InboundEvents;

/** Puts acknowledgments and escalations of notifications about a case on the case's timeline, once each. */
@Component
public class NotificationEventsListener {

    private final CaseStore store;

    public NotificationEventsListener(CaseStore store) {
        this.store = store;
    }

    @KafkaListener(topics = Topics.NOTIFICATION_EVENTS)
    public void on(ConsumerRecord<String, byte[]> record) {
        InboundEvents.decode(record, NotificationAcknowledged.class, NotificationEscalated.class)
                .ifPresent(event -> {
                    if (event.data() instanceof NotificationAcknowledged acknowledged
                            && acknowledged.caseId() != null) {
                        store.note(
                                acknowledged.caseId(),
                                new TimelineEntry(
                                        acknowledged.at(),
                                        "NOTIFICATION_ACKNOWLEDGED",
                                        acknowledged.recipientId(),
                                        (acknowledged.kind() == null ? "A notification" : acknowledged.kind())
                                                + " acknowledged by " + acknowledged.recipientId()),
                                event.id());
                    } else if (event.data() instanceof NotificationEscalated escalated && escalated.caseId() != null) {
                        store.note(
                                escalated.caseId(),
                                new TimelineEntry(
                                        escalated.at(),
                                        "NOTIFICATION_ESCALATED",
                                        escalated.recipientId(),
                                        (escalated.kind() == null ? "A notification" : escalated.kind())
                                                + " to " + escalated.recipientId() + " unacknowledged after "
                                                + escalated.sendCount()
                                                + " sends; escalated to "
                                                + (escalated.supervisorId() == null
                                                        ? "the supervisors"
                                                        : escalated.supervisorId())),
                                event.id());
                    }
                });
    }
}
