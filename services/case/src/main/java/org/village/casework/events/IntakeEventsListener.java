package org.village.casework.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.village.events.IntakeSubmitted;
import org.village.events.Topics;
import org.village.messaging.InboundEvents;

/** Opens a case for every submitted intake. */
@Component
public class IntakeEventsListener {

    private final CaseOpening opening;

    public IntakeEventsListener(CaseOpening opening) {
        this.opening = opening;
    }

    @KafkaListener(topics = Topics.INTAKE_EVENTS)
    public void on(ConsumerRecord<String, byte[]> record) {
        InboundEvents.decode(record).ifPresent(event -> {
            if (event.data() instanceof IntakeSubmitted submitted) {
                opening.open(submitted);
            }
        });
    }
}
