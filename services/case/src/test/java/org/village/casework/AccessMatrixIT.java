package org.village.casework;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.village.casework.events.CaseOpening;
import org.village.events.DangerLevel;
import org.village.events.IntakeSubmitted;
import org.village.testing.AccessMatrix;
import org.village.testing.ApiClient;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;
import org.village.testing.WithVillageInfrastructure;

import static org.awaitility.Awaitility.await;
import static org.village.testing.AccessMatrix.expect;

/** Every case-service endpoint as every demo user. */
@WithVillageInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AccessMatrixIT {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Test
    void everyEndpointAnswersEveryUserAsTheTableSays() {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(base);
        IntakeSubmitted intake = new IntakeSubmitted(UUID.randomUUID().toString(), "riverside-pd", "officer.reyes",
                Instant.now(), DangerLevel.HIGH, true, "PROTOCOL_QUESTIONS_1_3", true, List.of(), "es", 1);
        kafka.send(TestEvents.record(intake));
        String caseId = CaseOpening.caseIdFor(intake.intakeId());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/cases/" + caseId, TestTokens.demo("supervisor.sam")).status() == 200);
        String assigned = api.get("/api/cases/" + caseId, TestTokens.demo("supervisor.sam")).json().get("advocate").asString();
        String other = assigned.equals("advocate.avery") ? "advocate.blake" : "advocate.avery";

        AccessMatrix.at(base)
                .row("GET /api/cases", user -> "/api/cases", null,
                        expect(403, "advocate.avery", 200, "advocate.blake", 200, "supervisor.sam", 200))
                .row("GET /api/cases/{caseId}", user -> "/api/cases/" + caseId, null,
                        expect(404, assigned, 200, "supervisor.sam", 200, other, 404))
                .row("GET /api/caseload", user -> "/api/caseload", null,
                        expect(403, "advocate.avery", 200, "advocate.blake", 200, "supervisor.sam", 200))
                .row("GET /api/tasks", user -> "/api/tasks?mine=true", null, expect(200))
                .row("GET /api/admin/audit", user -> "/api/admin/audit?resource=" + caseId, null,
                        expect(403, "supervisor.sam", 200, "admin", 200))
                .row("GET /api/admin/audit/verify", user -> "/api/admin/audit/verify", null, expect(403, "admin", 200))
                .verify(AccessMatrix.endpointsOf(context));
    }
}
