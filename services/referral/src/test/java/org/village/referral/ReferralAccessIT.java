package org.village.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.village.events.AdvocateAssigned;
import org.village.referral.store.CaseRefStore;
import org.village.referral.store.ReferralStore;
import org.village.testing.ApiClient;
import org.village.testing.TestEvents;
import tools.jackson.databind.JsonNode;

/**
 * Security review finding: referral access followed whoever created the referral. After a supervisor hands the
 * case to another advocate, the referral belongs to the case's new advocate (and the agency's supervisors), and
 * the advocate who made it no longer reads, lists or revokes it.
 */
class ReferralAccessIT extends RunningService {

    @Autowired
    ReferralStore store;

    @Autowired
    CaseRefStore cases;

    @Test
    void aReassignedCasesReferralMovesToTheNewAdvocateAtOnce() {
        ReferralFixtures fixtures = new ReferralFixtures(kafka, cases);
        String caseId = fixtures.caseOf("advocate.avery");
        fixtures.consent(caseId, "harbor-house", List.of("FIRST_NAME", "PHONE"));
        ApiClient.Response created = api.post(
                "/api/referrals",
                AVERY,
                Map.of(
                        "caseId",
                        caseId,
                        "shelterId",
                        "harbor-house",
                        "household",
                        Map.of("adults", 1, "children", 0),
                        "sharedDetails",
                        Map.of("FIRST_NAME", "Ana", "PHONE", "+1-555-0100")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("referralId").asString();

        kafka.send(TestEvents.record(new AdvocateAssigned(caseId, "advocate.blake", "advocate.avery", Instant.now())));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> cases.caseRef(caseId)
                        .map(ref -> "advocate.blake".equals(ref.advocate()))
                        .orElse(false));

        assertThat(api.get("/api/referrals/" + id, AVERY).status()).isEqualTo(404);
        assertThat(api.get("/api/referrals?limit=100", AVERY).text()).doesNotContain(id);
        assertThat(api.post("/api/referrals/" + id + "/revoke", AVERY, null).status())
                .isEqualTo(404);

        JsonNode seenByBlake = api.get("/api/referrals/" + id, BLAKE).json();
        assertThat(seenByBlake.get("status").asString()).isEqualTo("PENDING");
        assertThat(seenByBlake.get("sharedDetails").get("PHONE").asString()).isEqualTo("+1-555-0100");
        assertThat(api.get("/api/referrals?limit=100", BLAKE).text()).contains(id);

        assertThat(api.get("/api/referrals/" + id, SAM).status()).isEqualTo(200);
        assertThat(api.get("/api/referrals?limit=100", SAM).text()).contains(id);
        assertThat(api.post("/api/referrals/" + id + "/revoke", SAM, null).status())
                .isEqualTo(403);

        ApiClient.Response revoked = api.post("/api/referrals/" + id + "/revoke", BLAKE, null);
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        assertThat(revoked.json().get("status").asString()).isEqualTo("REVOKED");
    }
}
