package org.village.casework.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.village.casework.domain.TimelineEntry;
import org.village.casework.store.CaseStore;
import org.village.events.IntakePersonalDataErased;
import org.village.events.IntakeSubmitted;
import org.village.events.Topics;
import org.village.messaging.InboundEvents;

/** Opens a case for every submitted intake, and notes on the case when its survivor's data is erased. */
@Component
public class IntakeEventsListener {

    private final CaseOpening opening;
    private final CaseStore store;

    public IntakeEventsListener(CaseOpening opening, CaseStore store) {
        this.opening = opening;
        this.store = store;
    }

    @KafkaListener(topics = Topics.INTAKE_EVENTS)
    public void on(ConsumerRecord<String, byte[]> record) {
        InboundEvents.decode(record).ifPresent(event -> {
            if (event.data() instanceof IntakeSubmitted submitted) {
                opening.open(submitted);
            } else if (event.data() instanceof IntakePersonalDataErased erased && erased.caseId() != null) {
                store.destroyKey(erased.caseId());
                store.note(
                        erased.caseId(),
                        new TimelineEntry(
                                erased.erasedAt(),
                                "PERSONAL_DATA_ERASED",
                                "supervisor",
                                "The survivor's personal data was erased; the case keeps its non-identifying history"),
                        event.id());
            }
        });
    }
}
