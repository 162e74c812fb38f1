package org.village.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.village.testing.ApiClient;
import org.village.testing.TestTokens;

/** The gateway's limits: request size, per-user rate, and a prompt answer when a service is down. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "village.gateway.max-request-size=2KB",
            "village.gateway.rate-limit.requests-per-period=5",
            "village.gateway.rate-limit.period=30s"
        })
class GatewayLimitsIT {

    private static final StubBackend LIVE = new StubBackend();
    private static final int DEAD_PORT = closedPort();

    @LocalServerPort
    int port;

    ApiClient api;

    /** A port nothing listens on: a service that died. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String live = LIVE.url();
        registry.add("village.gateway.intake-uri", () -> live);
        registry.add("village.gateway.referral-uri", () -> live);
        registry.add("village.gateway.case-uri", () -> "http://127.0.0.1:" + DEAD_PORT);
        registry.add("village.security.issuer", () -> TestTokens.ISSUER);
        registry.add("village.security.jwk-set-uri", TestTokens::jwksUri);
    }

    @AfterAll
    static void stop() {
        LIVE.stop();
    }

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        ApiClient.Response response = api.post("/api/intakes", TestTokens.demo("officer.chen"), "x".repeat(3000));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("payload-too-large");
    }

    @Test
    void aUserOverTheRateLimitGets429WithRetryAfterWhileOthersGoOn() {
        String busy = TestTokens.token("officer.busy", "riverside-pd", "OFFICER");
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/api/intakes?mine=true", busy).status()).isEqualTo(200);
        }
        ApiClient.Response refused = api.get("/api/intakes?mine=true", busy);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("type").asString()).isEqualTo("rate-limited");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 30);
        assertThat(api.get("/api/shelters", TestTokens.demo("advocate.avery")).status())
                .isEqualTo(200);
    }

    /**
     * A busy service is not a dead one: many officers' requests waiting on it at once are all forwarded and
     * answered, none refused with 503 by the gateway for being too many at a time.
     */
    @Test
    void manyRequestsWaitingOnABusyServiceAreAllForwarded() throws Exception {
        LIVE.answerAfter(Duration.ofMillis(1500));
        ExecutorService officers = Executors.newFixedThreadPool(60);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String token = TestTokens.token("officer.busy-" + i, "riverside-pd", "OFFICER");
                answers.add(officers.submit(
                        () -> api.get("/api/intakes/busy", token).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(200);
        } finally {
            officers.shutdownNow();
            LIVE.answerAfter(Duration.ZERO);
        }
    }

    @Test
    void aDeadServiceOnARouteWithoutACircuitBreakerAnswers503ProblemDetailsToo() {
        ApiClient.Response description = api.get("/api/docs/case", null);
        assertThat(description.status()).isEqualTo(503);
        assertThat(description.header("Content-Type")).startsWith("application/problem+json");
        assertThat(description.json().get("type").asString()).isEqualTo("unavailable");
    }

    @Test
    void aDeadServiceAnswers503WithinASecond() {
        // the gateway's first request fetches the signing keys and opens its client: not what is measured here
        assertThat(api.get("/api/cases", TestTokens.demo("officer.reyes")).status())
                .isEqualTo(503);
        for (String token : List.of(TestTokens.demo("advocate.avery"), TestTokens.demo("advocate.blake"))) {
            Instant start = Instant.now();
            ApiClient.Response response = api.get("/api/cases", token);
            Duration took = Duration.between(start, Instant.now());

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("type").asString()).isEqualTo("unavailable");
            assertThat(took).isLessThan(Duration.ofSeconds(1));
        }
    }
}
