package org.village.casework;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;
import org.village.casework.events.CaseOpening;
import org.village.casework.store.CaseStore;
import org.village.events.DangerLevel;
import org.village.events.IntakeSubmitted;
import org.village.testing.TestEvents;

/** Cases opened the way production opens them, from an intake event, then handed to a chosen advocate. */
final class CaseFixtures {

    private final KafkaTemplate<String, byte[]> kafka;
    private final CaseStore store;

    CaseFixtures(KafkaTemplate<String, byte[]> kafka, CaseStore store) {
        this.kafka = kafka;
        this.store = store;
    }

    /** A HIGH case from officer.reyes's intake, worked by {@code advocate}. */
    String caseOf(String advocate) {
        IntakeSubmitted intake = new IntakeSubmitted(
                UUID.randomUUID().toString(),
                "riverside-pd",
                "officer.reyes",
                Instant.now(),
                DangerLevel.HIGH,
                true,
                "PROTOCOL_QUESTIONS_1_3",
                true,
                List.of("SHELTER"),
                "es",
                2);
        kafka.send(TestEvents.record(intake));
        String caseId = CaseOpening.caseIdFor(intake.intakeId());
        await().atMost(Duration.ofSeconds(20)).until(() -> store.find(caseId).isPresent());
        store.change(caseId, null, file -> file.reassign(advocate, "supervisor.sam", Instant.now()));
        return caseId;
    }
}
