package org.village.notification;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.notification.delivery.Deliveries;
import org.village.notification.delivery.WebhookSignature;
import org.village.notification.domain.Webhook;
import org.village.notification.store.WebhookStore;
import org.village.testing.ApiClient;
import org.village.testing.MutableClock;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * E-mail over a real SMTP server and signed webhooks to a real HTTP receiver: delivered to who chose them,
 * failures visible and retried later, nothing lost, the in-app inbox never waiting.
 */
class ChannelsIT extends RunningService {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    Deliveries deliveries;

    @Autowired
    MutableClock clock;

    @Autowired
    WebhookStore webhooks;

    private void assignedCase(String caseId, String department, String officer, String advocate) {
        kafka.send(TestEvents.record(new CaseOpened(
                caseId, "intake-" + caseId, "bridges", department, officer, DangerLevel.HIGH, clock.instant())));
        kafka.send(TestEvents.record(new AdvocateAssigned(caseId, advocate, null, clock.instant())));
    }

    private JsonNode inbox(String token) {
        return api.get("/api/notifications?limit=200", token).json().get("items");
    }

    private static List<String> statuses(JsonNode items, String channel) {
        return items.findValues("deliveries").stream()
                .map(d -> d.get(channel))
                .map(d -> d == null ? "NONE" : d.get("status").asString())
                .toList();
    }

    /** Tries the due deliveries again a minute later, as the retry sweep would, until {@code done}. */
    private void retryUntil(Callable<Boolean> done) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            clock.advance(Duration.ofMinutes(1));
            deliveries.retry(clock.instant());
            return done.call();
        });
    }

    @Test
    void preferencesAreTheCallersOwnAndValidated() {
        String token =
                TestTokens.token("advocate.p" + UUID.randomUUID().toString().substring(0, 6), "bridges", "ADVOCATE");
        JsonNode initial = api.get("/api/me/notification-preferences", token).json();
        assertThat(initial.get("channels").toString()).isEqualTo("[\"IN_APP\"]");

        ApiClient.Response noAddress =
                api.put("/api/me/notification-preferences", token, Map.of("channels", List.of("IN_APP", "EMAIL")));
        assertThat(noAddress.status()).isEqualTo(400);
        assertThat(noAddress.json().get("type").asString()).isEqualTo("validation-failed");
        assertThat(api.put(
                                "/api/me/notification-preferences",
                                token,
                                Map.of("email", "not an address", "channels", List.of("EMAIL")))
                        .status())
                .isEqualTo(400);
        assertThat(api.put(
                                "/api/me/notification-preferences",
                                token,
                                Map.of("email", "a@village.test", "channels", List.of("PIGEON")))
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/me/notification-preferences", token).json().toString())
                .as("bad input changes nothing")
                .isEqualTo(initial.toString());

        JsonNode chosen = api.put(
                        "/api/me/notification-preferences",
                        token,
                        Map.of("email", "avery@village.test", "channels", List.of("EMAIL")))
                .json();
        assertThat(chosen.get("email").asString()).isEqualTo("avery@village.test");
        assertThat(chosen.get("channels").toString())
                .as("the inbox is always on")
                .contains("IN_APP", "EMAIL");
    }

    @Test
    void notificationsAndEmailsAreWrittenInTheRecipientsLanguage() throws Exception {
        mailServer();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String advocate = "advocate.s" + suffix;
        String token = TestTokens.token(advocate, "bridges", "ADVOCATE");
        String address = advocate + "@village.test";
        ApiClient.Response badLanguage = api.put(
                "/api/me/notification-preferences", token, Map.of("channels", List.of("IN_APP"), "language", "fr"));
        assertThat(badLanguage.status()).isEqualTo(400);
        JsonNode chosen = api.put(
                        "/api/me/notification-preferences",
                        token,
                        Map.of("email", address, "channels", List.of("EMAIL"), "language", "es"))
                .json();
        assertThat(chosen.get("language").asString()).isEqualTo("es");
        assertThat(api.put(
                                "/api/me/notification-preferences",
                                token,
                                Map.of("email", address, "channels", List.of("EMAIL")))
                        .json()
                        .get("language")
                        .asString())
                .as("a change that names no language keeps it")
                .isEqualTo("es");

        assignedCase("case-s" + suffix, "riverside-pd", "officer.reyes", advocate);

        await().atMost(WAIT).until(() -> statuses(inbox(token), "email").equals(List.of("DELIVERED")));
        assertThat(inbox(token).get(0).get("title").asString())
                .isEqualTo("Nuevo caso de peligro ALTO asignado a usted");
        MimeMessage mail = Arrays.stream(mailServer().getReceivedMessages())
                .filter(m -> recipients(m).contains(address))
                .findFirst()
                .orElseThrow();
        assertThat(mail.getSubject()).isEqualTo("[Village] URGENTE: Nuevo caso de peligro ALTO asignado a usted");
        assertThat(GreenMailUtil.getBody(mail)).contains("case-s" + suffix).contains("Conf");
    }

    @Test
    void emailReachesThoseWhoChoseItAndNobodyElse() throws Exception {
        mailServer();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String chooser = "advocate.e" + suffix;
        String chooserToken = TestTokens.token(chooser, "bridges", "ADVOCATE");
        String address = chooser + "@village.test";
        api.put(
                "/api/me/notification-preferences",
                chooserToken,
                Map.of("email", address, "channels", List.of("EMAIL")));
        String other = "advocate.o" + suffix;

        assignedCase("case-e" + suffix, "riverside-pd", "officer.reyes", chooser);
        assignedCase("case-o" + suffix, "riverside-pd", "officer.reyes", other);

        await().atMost(WAIT).until(() -> statuses(inbox(chooserToken), "email").equals(List.of("DELIVERED")));
        List<MimeMessage> mine = Arrays.stream(mailServer().getReceivedMessages())
                .filter(m -> recipients(m).contains(address))
                .toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).getSubject()).isEqualTo("[Village] URGENT: New HIGH danger case assigned to you");
        assertThat(GreenMailUtil.getBody(mine.get(0)))
                .contains("case-e" + suffix)
                .contains("acknowledge");
        assertThat(Arrays.stream(mailServer().getReceivedMessages()).flatMap(m -> recipients(m).stream()))
                .noneMatch(to -> to.startsWith(other));
        assertThat(statuses(inbox(TestTokens.token(other, "bridges", "ADVOCATE")), "email"))
                .containsOnly("NONE");
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .map(Object::toString)
                    .toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDeadSmtpServerDelaysNoInboxAndLosesNoEmail() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String advocate = "advocate.d" + suffix;
        String token = TestTokens.token(advocate, "bridges", "ADVOCATE");
        String address = advocate + "@village.test";
        api.put("/api/me/notification-preferences", token, Map.of("email", address, "channels", List.of("EMAIL")));
        killMailServer();

        for (int i = 0; i < 5; i++) {
            assignedCase("case-d" + i + suffix, "riverside-pd", "officer.reyes", advocate);
        }
        await().atMost(WAIT).until(() -> inbox(token).size() == 5);
        await().atMost(WAIT)
                .until(() -> statuses(inbox(token), "email").stream().allMatch("FAILED"::equals));
        JsonNode failed = inbox(token).get(0).get("deliveries").get("email");
        assertThat(failed.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(failed.get("lastError").asString()).isNotBlank();
        assertThat(failed.get("nextAttemptAt").isNull()).isFalse();

        mailServer();
        retryUntil(() -> statuses(inbox(token), "email").stream().allMatch("DELIVERED"::equals));

        assertThat(Arrays.stream(mailServer().getReceivedMessages())
                        .filter(m -> recipients(m).contains(address)))
                .as("every e-mail, each once")
                .hasSize(5);
    }

    @Test
    void webhooksAreSignedVisibleWhenFailingAndRetriedUntilDelivered() throws IOException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String department = "dept-" + suffix;
        String secret = "s3cret-for-" + suffix;
        AtomicInteger refusals = new AtomicInteger(3);
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = refusals.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                bodies.add(body);
                signatures.add(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String admin = TestTokens.demo("admin");
            String url = "http://localhost:" + receiver.getAddress().getPort() + "/hook";
            assertThat(api.post("/api/webhooks", admin, Map.of("org", department, "url", "ftp://x/y", "secret", secret))
                            .status())
                    .isEqualTo(400);
            assertThat(api.post("/api/webhooks", admin, Map.of("org", department, "url", url, "secret", "short"))
                            .status())
                    .isEqualTo(400);
            ApiClient.Response registered =
                    api.post("/api/webhooks", admin, Map.of("org", department, "url", url, "secret", secret));
            assertThat(registered.status()).isEqualTo(201);
            String webhookId = registered.json().get("webhookId").asString();
            assertThat(registered.text()).doesNotContain(secret);
            assertThat(api.get("/api/webhooks", admin).text())
                    .contains(webhookId)
                    .doesNotContain(secret);
            assertThat(database.getCollection(WebhookStore.WEBHOOKS)
                            .find()
                            .map(Document::toJson)
                            .into(new ArrayList<>())
                            .toString())
                    .as("stored sealed")
                    .contains(webhookId)
                    .doesNotContain(secret);

            String officer = "officer.w" + suffix;
            String officerToken = TestTokens.token(officer, department, "OFFICER");
            assignedCase("case-w" + suffix, department, officer, "advocate.w" + suffix);

            String key = "webhook-" + webhookId;
            await().atMost(WAIT).until(() -> statuses(inbox(officerToken), key).equals(List.of("FAILED")));
            assertThat(inbox(officerToken)
                            .get(0)
                            .get("deliveries")
                            .get(key)
                            .get("lastError")
                            .asString())
                    .contains("503");
            assertThat(inbox(officerToken).get(0).get("kind").asString()).isEqualTo("CASE_OPENED");

            retryUntil(() -> statuses(inbox(officerToken), key).equals(List.of("DELIVERED")));

            assertThat(bodies).hasSize(1);
            assertThat(WebhookSignature.verify(secret, bodies.get(0), signatures.get(0)))
                    .isTrue();
            assertThat(WebhookSignature.verify("another-secret-entirely", bodies.get(0), signatures.get(0)))
                    .isFalse();
            assertThat(new String(bodies.get(0), UTF_8))
                    .contains("\"kind\":\"CASE_OPENED\"")
                    .contains("\"recipientId\":\"" + officer + "\"")
                    .doesNotContain("harbor");
            assertThat(statuses(inbox(TestTokens.token("advocate.w" + suffix, "bridges", "ADVOCATE")), key))
                    .as("another organisation's member: not sent to this department")
                    .containsOnly("NONE");
            assertThat(api.delete("/api/webhooks/" + webhookId, admin).status()).isEqualTo(204);
            assertThat(api.delete("/api/webhooks/" + webhookId, admin).status()).isEqualTo(404);
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * Security review finding: an admin could register http://169.254.169.254/latest/meta-data and the service
     * would POST to it. Internal destinations are refused at registration, and again before every call (a name
     * can come to resolve inward, or a webhook be stored before the rule); the recipient is told that the
     * destination is not allowed, never what it answered.
     */
    @Test
    void webhooksNeverReachInternalAddresses() throws IOException {
        String admin = TestTokens.demo("admin");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String department = "dept-" + suffix;
        String secret = "s3cret-for-" + suffix;
        for (String internal : List.of(
                "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.7/hook",
                "http://192.168.1.20/hook",
                "http://127.0.0.1:9/hook",
                "http://[::1]:8080/hook",
                "http://[::ffff:169.254.169.254]/latest",
                "http://0.0.0.0:8084/hook",
                "http://100.64.0.1/hook")) {
            ApiClient.Response refused =
                    api.post("/api/webhooks", admin, Map.of("org", department, "url", internal, "secret", secret));
            assertThat(refused.status()).as(internal).isEqualTo(400);
            assertThat(refused.text()).as(internal).contains("internal address");
        }
        assertThat(api.get("/api/webhooks", admin).text()).doesNotContain(department);

        AtomicInteger calls = new AtomicInteger();
        HttpServer internalService = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        internalService.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        internalService.start();
        try {
            String webhookId = "wh-" + suffix;
            webhooks.register(new Webhook(
                    webhookId,
                    department,
                    "http://127.0.0.1:" + internalService.getAddress().getPort() + "/admin",
                    secret,
                    clock.instant(),
                    "admin"));
            String officer = "officer.i" + suffix;
            String officerToken = TestTokens.token(officer, department, "OFFICER");
            assignedCase("case-i" + suffix, department, officer, "advocate.i" + suffix);

            String key = "webhook-" + webhookId;
            await().atMost(WAIT).until(() -> statuses(inbox(officerToken), key).equals(List.of("FAILED")));
            assertThat(inbox(officerToken)
                            .get(0)
                            .get("deliveries")
                            .get(key)
                            .get("lastError")
                            .asString())
                    .isEqualTo("the destination is not allowed");
            assertThat(calls.get())
                    .as("no request reached the internal address")
                    .isZero();
        } finally {
            internalService.stop(0);
        }
    }
}
