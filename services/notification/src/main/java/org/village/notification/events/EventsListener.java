package org.village.notification.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.village.events.Topics;
import org.village.messaging.InboundEvents;
import org.village.notification.Notifier;

/**
 * Every topic of the catalog, each event handed to the {@link Notifier}: the routing table says for every type
 * whom it tells, or why nobody. Its own topic too: an escalation becomes the supervisor's notification.
 */
@Component
public class EventsListener {

    private final Notifier notifier;

    public EventsListener(Notifier notifier) {
        this.notifier = notifier;
    }

    @KafkaListener(
            topics = {Topics.INTAKE_EVENTS, Topics.CASE_EVENTS, Topics.REFERRAL_EVENTS, Topics.NOTIFICATION_EVENTS})
    public void on(ConsumerRecord<String, byte[]> record) {
        InboundEvents.decode(record).ifPresent(notifier::on);
    }
}
