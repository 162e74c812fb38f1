package org.village.notification.events;

import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.TaskScheduled;
import org.village.events.Topics;
import org.village.messaging.InboundEvent;
import org.village.messaging.InboundEvents;
import org.village.notification.domain.CaseRef;
import org.village.notification.domain.Draft;
import org.village.notification.domain.NotificationRules;
import org.village.notification.store.NotificationStore;

/** Turns case events into inbox notifications, once per (event, recipient). */
@Component
public class CaseEventsListener {

    private final NotificationStore store;
    private final Clock clock;

    public CaseEventsListener(NotificationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.CASE_EVENTS)
    public void on(ConsumerRecord<String, byte[]> record) {
        InboundEvents.decode(record).ifPresent(this::apply);
    }

    private void apply(InboundEvent<?> event) {
        if (event.data() instanceof CaseOpened opened) {
            store.remember(new CaseRef(opened.caseId(), opened.intakeId(), opened.agencyId(), opened.officerId(),
                    opened.dangerLevel()));
        } else if (event.data() instanceof AdvocateAssigned assigned) {
            CaseRef ref = store.caseRef(assigned.caseId()).orElseThrow(() ->
                    new IllegalStateException("Case " + assigned.caseId() + " is not known yet"));
            notify(NotificationRules.advocateAssigned(assigned, ref), event.id());
        } else if (event.data() instanceof TaskScheduled task) {
            notify(List.of(NotificationRules.taskScheduled(task, event.time())), event.id());
        }
    }

    private void notify(List<Draft> drafts, String eventId) {
        drafts.forEach(draft -> store.create(draft, eventId, clock.instant()));
    }
}
