package org.village.intake.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.Topics;
import org.village.intake.store.IntakeStore;
import org.village.messaging.InboundEvent;
import org.village.messaging.InboundEvents;

/** Learns from case-service which case an intake became and who works it, to answer who may read it. */
@Component
public class CaseEventsListener {

    private final IntakeStore store;

    public CaseEventsListener(IntakeStore store) {
        this.store = store;
    }

    @KafkaListener(topics = Topics.CASE_EVENTS)
    public void on(ConsumerRecord<String, byte[]> record) {
        InboundEvents.decode(record, CaseOpened.class, AdvocateAssigned.class).ifPresent(this::apply);
    }

    private void apply(InboundEvent<?> event) {
        if (event.data() instanceof CaseOpened opened) {
            require(
                    store.caseOpened(opened.intakeId(), opened.caseId(), opened.agencyId(), event.id()),
                    "intake " + opened.intakeId());
        } else if (event.data() instanceof AdvocateAssigned assigned) {
            require(
                    store.advocateAssigned(assigned.caseId(), assigned.advocateId(), event.id()),
                    "an intake for case " + assigned.caseId());
        }
    }

    /** A missing target is retried (it may be in flight) and then dead-lettered, never silently dropped. */
    private static void require(boolean found, String what) {
        if (!found) {
            throw new IllegalStateException("No " + what + " is known yet");
        }
    }
}
