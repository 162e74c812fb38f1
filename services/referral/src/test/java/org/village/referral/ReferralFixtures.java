package org.village.referral;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.kafka.core.KafkaTemplate;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.ConsentGranted;
import org.village.events.DangerLevel;
import org.village.referral.store.CaseRefStore;
import org.village.testing.TestEvents;

/** Cases and consents as case-service announces them, for referral tests. */
final class ReferralFixtures {

    private final KafkaTemplate<String, byte[]> kafka;
    private final CaseRefStore store;

    ReferralFixtures(KafkaTemplate<String, byte[]> kafka, CaseRefStore store) {
        this.kafka = kafka;
        this.store = store;
    }

    /** A HIGH case of bridges worked by {@code advocate}, known to referral-service. */
    String caseOf(String advocate) {
        String caseId = "case-" + UUID.randomUUID();
        kafka.send(TestEvents.record(new CaseOpened(
                caseId,
                "intake-" + caseId,
                "bridges",
                "riverside-pd",
                "officer.reyes",
                DangerLevel.HIGH,
                Instant.now())));
        kafka.send(TestEvents.record(new AdvocateAssigned(caseId, advocate, null, Instant.now())));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> store.caseRef(caseId)
                        .map(ref -> advocate.equals(ref.advocate()))
                        .orElse(false));
        return caseId;
    }

    /** The survivor's consent to share {@code scope} with {@code shelter}, known to referral-service. */
    String consent(String caseId, String shelter, List<String> scope) {
        String consentId = "consent-" + UUID.randomUUID();
        kafka.send(TestEvents.record(new ConsentGranted(
                consentId, caseId, "SHELTER", shelter, scope, Instant.now().plus(Duration.ofDays(30)))));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !store.consentsFor(caseId, shelter).isEmpty());
        return consentId;
    }
}
