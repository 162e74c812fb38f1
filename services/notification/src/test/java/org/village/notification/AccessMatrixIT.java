package org.village.notification;

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
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.testing.AccessMatrix;
import org.village.testing.ApiClient;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;

/** Every notification-service endpoint as every demo user. */
class AccessMatrixIT extends RunningService {

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointAnswersEveryUserAsTheTableSays() {
        String base = "http://localhost:" + port;
        ApiClient api = new ApiClient(base);
        String caseId = "case-" + UUID.randomUUID();
        kafka.send(TestEvents.record(new CaseOpened(
                caseId,
                "intake-" + caseId,
                "bridges",
                "riverside-pd",
                "officer.reyes",
                DangerLevel.HIGH,
                Instant.now())));
        kafka.send(TestEvents.record(new AdvocateAssigned(caseId, "advocate.avery", null, Instant.now())));
        String avery = TestTokens.demo("advocate.avery");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/api/notifications", avery)
                        .json()
                        .get("items")
                        .findValuesAsString("caseId")
                        .contains(caseId));
        String notificationId = api.get("/api/notifications", avery)
                .json()
                .get("items")
                .get(0)
                .get("notificationId")
                .asString();

        String webhookId = api.post(
                        "/api/webhooks",
                        TestTokens.demo("admin"),
                        Map.of(
                                "org",
                                "matrix-department",
                                "url",
                                "http://localhost:9/hook",
                                "secret",
                                "0123456789abcdef"))
                .json()
                .get("webhookId")
                .asString();

        AccessMatrix.at(base)
                .row("GET /api/notifications", user -> "/api/notifications?unread=true", null, expect(200))
                .row(
                        "GET /api/notifications/unread-count",
                        user -> "/api/notifications/unread-count",
                        null,
                        expect(200))
                .streamRow("GET /api/notifications/stream", user -> "/api/notifications/stream", expect(200))
                .row(
                        "GET /api/me/notification-preferences",
                        user -> "/api/me/notification-preferences",
                        null,
                        expect(200))
                .row(
                        "PUT /api/me/notification-preferences",
                        user -> "/api/me/notification-preferences",
                        Map.of("channels", List.of("IN_APP")),
                        expect(200))
                .row(
                        "POST /api/webhooks",
                        user -> "/api/webhooks",
                        Map.of(
                                "org",
                                "matrix-agency",
                                "url",
                                "https://hooks.bridges.example/village",
                                "secret",
                                "0123456789abcdef"),
                        expect(403, "admin", 201))
                .row("GET /api/webhooks", user -> "/api/webhooks", null, expect(403, "admin", 200))
                .row(
                        "DELETE /api/webhooks/{webhookId}",
                        user -> "/api/webhooks/" + webhookId,
                        null,
                        expect(403, "admin", 204))
                .row(
                        "POST /api/notifications/{notificationId}/ack",
                        user -> "/api/notifications/" + notificationId + "/ack",
                        null,
                        expect(404, "advocate.avery", 204))
                .adminRows(caseId)
                .verifyAgainst(context);
    }
}
