package org.village.reporting.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;
import org.village.events.CaseOpened;
import org.village.events.IntakeSubmitted;
import org.village.events.Topics;
import org.village.messaging.InboundEvent;
import org.village.messaging.InboundEvents;
import org.village.reporting.store.ScreenStore;

/**
 * Projects the events the reports count. Every projection is idempotent (an event applied twice, or a topic read
 * again from its beginning, leaves the same figures), so a rebuild is: forget, then read every topic again.
 */
@Component
public class ReportedEvents extends AbstractConsumerSeekAware {

    private final ScreenStore screens;

    public ReportedEvents(ScreenStore screens) {
        this.screens = screens;
    }

    @KafkaListener(topics = {Topics.INTAKE_EVENTS, Topics.CASE_EVENTS})
    public void on(ConsumerRecord<String, byte[]> record) {
        InboundEvents.decode(record).ifPresent(this::apply);
    }

    private void apply(InboundEvent<?> event) {
        if (event.data() instanceof IntakeSubmitted submitted) {
            screens.submitted(submitted);
        } else if (event.data() instanceof CaseOpened opened) {
            screens.caseOpened(opened);
        }
    }

    /** Forgets every projection and reads every topic again from its beginning. */
    public void rebuild() {
        screens.clear();
        seekToBeginning();
    }
}
