package org.village.notification.events;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;
import org.village.events.Topics;
import org.village.messaging.InboundEvents;
import org.village.notification.Notifier;
import org.village.notification.store.RoutingFacts;

/**
 * Every topic of the catalog, each event handed to the {@link Notifier}: the routing table says for every type
 * whom it tells, or why nobody. Its own topic too: an escalation becomes the supervisor's notification. When this
 * instance's partitions change, the routing facts it remembers are forgotten ({@link RoutingFacts}).
 */
@Component
public class EventsListener implements ConsumerSeekAware {

    private final Notifier notifier;
    private final RoutingFacts facts;

    public EventsListener(Notifier notifier, RoutingFacts facts) {
        this.notifier = notifier;
        this.facts = facts;
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        facts.forgetRemembered();
    }

    @Override
    public void onPartitionsRevoked(@Nullable Collection<TopicPartition> partitions) {
        facts.forgetRemembered();
    }

    @KafkaListener(
            topics = {Topics.INTAKE_EVENTS, Topics.CASE_EVENTS, Topics.REFERRAL_EVENTS, Topics.NOTIFICATION_EVENTS})
    public void on(ConsumerRecord<String, byte[]> record) {
        InboundEvents.decode(record).ifPresent(notifier::on);
    }
}
