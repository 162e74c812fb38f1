package org.village.casework;

import static org.awaitility.Awaitility.await;
import static org.village.testing.AccessMatrix.expect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.village.casework.events.CaseOpening;
import org.village.casework.store.CaseStore;
import org.village.events.DangerLevel;
import org.village.events.IntakeSubmitted;
import org.village.testing.AccessMatrix;
import org.village.testing.ApiClient;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;

/** Every case-service endpoint as every demo user. */
class AccessMatrixIT extends RunningService {

    @Autowired
    ApplicationContext context;

    @Autowired
    CaseStore store;

    @Test
    void everyEndpointAnswersEveryUserAsTheTableSays() {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(base);
        IntakeSubmitted intake = new IntakeSubmitted(
                UUID.randomUUID().toString(),
                "riverside-pd",
                "officer.reyes",
                Instant.now(),
                DangerLevel.HIGH,
                true,
                "PROTOCOL_QUESTIONS_1_3",
                true,
                List.of(),
                "es",
                1);
        kafka.send(TestEvents.record(intake));
        String caseId = CaseOpening.caseIdFor(intake.intakeId());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/cases/" + caseId, TestTokens.demo("supervisor.sam"))
                                .status()
                        == 200);
        String assigned = api.get("/api/cases/" + caseId, TestTokens.demo("supervisor.sam"))
                .json()
                .get("advocate")
                .asString();
        String other = assigned.equals("advocate.avery") ? "advocate.blake" : "advocate.avery";
        CaseFixtures fixtures = new CaseFixtures(kafka, store);
        String worked = fixtures.caseOf("advocate.avery");
        String reassigned = fixtures.caseOf("advocate.avery");
        String closing = fixtures.caseOf("advocate.avery");
        String requested = fixtures.caseOf("advocate.avery");
        String sam = TestTokens.demo("supervisor.sam");
        String avery = TestTokens.demo("advocate.avery");
        api.post("/api/cases/" + requested + "/closure-request", avery, Map.of("reason", "SAFE_AND_STABLE"));
        Map<String, Object> consent = Map.of(
                "recipientType",
                "SHELTER",
                "recipientId",
                "harbor-house",
                "scope",
                List.of("FIRST_NAME", "NEEDS"),
                "form",
                "WRITTEN",
                "expiresAt",
                Instant.now().plus(Duration.ofDays(30)).toString());
        String consentId = api.post("/api/cases/" + worked + "/consents", sam, consent)
                .json()
                .get("consentId")
                .asString();
        String orderId = api.post("/api/cases/" + worked + "/protective-orders", sam, Map.of("status", "REQUESTED"))
                .json()
                .get("orderId")
                .asString();

        AccessMatrix.at(base)
                .row(
                        "GET /api/cases",
                        user -> "/api/cases",
                        null,
                        expect(403, "advocate.avery", 200, "advocate.blake", 200, "supervisor.sam", 200))
                .row(
                        "GET /api/cases/{caseId}",
                        user -> "/api/cases/" + caseId,
                        null,
                        expect(404, assigned, 200, "supervisor.sam", 200, other, 404))
                .row(
                        "GET /api/cases/{caseId}/timeline",
                        user -> "/api/cases/" + caseId + "/timeline",
                        null,
                        expect(404, assigned, 200, "supervisor.sam", 200, other, 404))
                .row(
                        "GET /api/caseload",
                        user -> "/api/caseload",
                        null,
                        expect(403, "advocate.avery", 200, "advocate.blake", 200, "supervisor.sam", 200))
                .row("GET /api/tasks", user -> "/api/tasks?mine=true", null, expect(200))
                .row(
                        "POST /api/cases/{caseId}/assignment",
                        user -> "/api/cases/" + reassigned + "/assignment",
                        Map.of("advocate", "advocate.blake"),
                        expect(404, "advocate.avery", 403, "supervisor.sam", 200))
                .row(
                        "POST /api/cases/{caseId}/tasks",
                        user -> "/api/cases/" + worked + "/tasks",
                        Map.of(
                                "kind",
                                "CALL_BACK",
                                "assignee",
                                "advocate.avery",
                                "dueAt",
                                Instant.now().plusSeconds(86_400).toString()),
                        expect(404, "advocate.avery", 201, "supervisor.sam", 201))
                .row(
                        "POST /api/tasks/{taskId}/complete",
                        user -> "/api/tasks/" + worked + ":ADVOCATE_FIRST_CONTACT/complete",
                        Map.of("outcome", "Reached by phone"),
                        expect(404, "advocate.avery", 200, "supervisor.sam", 403))
                .row(
                        "POST /api/cases/{caseId}/consents",
                        user -> "/api/cases/" + worked + "/consents",
                        consent,
                        expect(404, "advocate.avery", 201, "supervisor.sam", 201))
                .row(
                        "DELETE /api/cases/{caseId}/consents/{consentId}",
                        user -> "/api/cases/" + worked + "/consents/" + consentId,
                        null,
                        expect(404, "advocate.avery", 204, "supervisor.sam", 204))
                .row(
                        "POST /api/cases/{caseId}/protective-orders",
                        user -> "/api/cases/" + worked + "/protective-orders",
                        Map.of("status", "REQUESTED"),
                        expect(404, "advocate.avery", 201, "supervisor.sam", 201))
                .row(
                        "PATCH /api/cases/{caseId}/protective-orders/{orderId}",
                        user -> "/api/cases/" + worked + "/protective-orders/" + orderId,
                        Map.of("status", "TEMPORARY"),
                        expect(404, "advocate.avery", 200, "supervisor.sam", 200))
                .row(
                        "PUT /api/cases/{caseId}/safety-plan",
                        user -> "/api/cases/" + fixtures.caseOf("advocate.avery") + "/safety-plan",
                        Map.of("version", 0, "steps", List.of("Keep a bag packed")),
                        expect(404, "advocate.avery", 200, "supervisor.sam", 200))
                .row(
                        "POST /api/cases/{caseId}/closure-request",
                        user -> "/api/cases/" + closing + "/closure-request",
                        Map.of("reason", "SAFE_AND_STABLE"),
                        expect(404, "advocate.avery", 200, "supervisor.sam", 403))
                .row(
                        "POST /api/cases/{caseId}/closure",
                        user -> "/api/cases/" + requested + "/closure",
                        null,
                        expect(404, "advocate.avery", 403, "supervisor.sam", 200))
                .adminRows(caseId)
                .verifyAgainst(context);
    }
}
