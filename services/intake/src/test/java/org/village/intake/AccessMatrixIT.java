package org.village.intake;

import static org.awaitility.Awaitility.await;
import static org.village.testing.AccessMatrix.expect;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.testing.AccessMatrix;
import org.village.testing.ApiClient;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;

/** Every intake-service endpoint as every demo user. */
class AccessMatrixIT extends RunningService {

    @Autowired
    ApplicationContext context;

    /** An intake officer.reyes submitted, whose case advocate.avery works in bridges. */
    private String assignedIntake(ApiClient api) {
        String intakeId = api.post("/api/intakes", TestTokens.demo("officer.reyes"), IntakeRequests.intake("Ana", "q1"))
                .json()
                .get("intakeId")
                .asString();
        String caseId = "case-" + UUID.randomUUID();
        kafka.send(TestEvents.record(new CaseOpened(
                caseId, intakeId, "bridges", "riverside-pd", "officer.reyes", DangerLevel.HIGH, Instant.now())));
        kafka.send(TestEvents.record(new AdvocateAssigned(caseId, "advocate.avery", null, Instant.now())));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/intakes/" + intakeId, TestTokens.demo("advocate.avery"))
                                .status()
                        == 200);
        return intakeId;
    }

    @Test
    void everyEndpointAnswersEveryUserAsTheTableSays() {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(base);
        String intakeId = assignedIntake(api);

        AccessMatrix.at(base)
                .row(
                        "POST /api/intakes",
                        user -> "/api/intakes",
                        IntakeRequests.intake("Ana"),
                        expect(
                                403,
                                "officer.reyes",
                                201,
                                "officer.chen",
                                201,
                                "advocate.avery",
                                201,
                                "advocate.blake",
                                201))
                .row(
                        "POST /api/intakes/screen-preview",
                        user -> "/api/intakes/screen-preview",
                        Map.of("version", "LAP-11", "answers", Map.of("q2", "YES")),
                        expect(
                                403,
                                "officer.reyes",
                                200,
                                "officer.chen",
                                200,
                                "advocate.avery",
                                200,
                                "advocate.blake",
                                200))
                .row("GET /api/intakes", user -> "/api/intakes?mine=true", null, expect(200))
                .row(
                        "GET /api/intakes/{id}",
                        user -> "/api/intakes/" + intakeId,
                        null,
                        expect(404, "officer.reyes", 200, "advocate.avery", 200, "supervisor.sam", 200))
                .row(
                        "DELETE /api/intakes/{id}/personal-data",
                        user -> "/api/intakes/" + assignedIntake(api) + "/personal-data",
                        null,
                        expect(404, "officer.reyes", 403, "advocate.avery", 403, "supervisor.sam", 204))
                .adminRows(intakeId)
                .verifyAgainst(context);
    }
}
