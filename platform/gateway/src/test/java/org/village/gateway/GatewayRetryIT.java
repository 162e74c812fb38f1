package org.village.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.village.testing.ApiClient;
import org.village.testing.TestTokens;

/**
 * A service that closes a pooled keep-alive connection just as the gateway reuses it: a GET, or a POST with an
 * Idempotency-Key, is sent again on a fresh connection and answered; a POST without one is not sent twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRetryIT {

    private static final ForgetfulBackend CASES = new ForgetfulBackend();

    @LocalServerPort
    int port;

    ApiClient api;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("village.gateway.case-uri", CASES::url);
        registry.add("village.security.issuer", () -> TestTokens.ISSUER);
        registry.add("village.security.jwk-set-uri", TestTokens::jwksUri);
    }

    @AfterAll
    static void stop() {
        CASES.stop();
    }

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void aReadOrAnIdempotentWriteRidesOverAConnectionTheServiceClosed() {
        String avery = TestTokens.demo("advocate.avery");
        for (int i = 0; i < 5; i++) {
            ApiClient.Response read = api.get("/api/cases?page=" + i, avery);
            assertThat(read.status()).as("GET %d: %s", i, read.text()).isEqualTo(200);
        }
        ApiClient.Response write =
                api.post("/api/cases/c-1/tasks", avery, Map.of("kind", "FOLLOW_UP"), Map.of("Idempotency-Key", "k-1"));
        assertThat(write.status()).as(write.text()).isEqualTo(200);

        assertThat(CASES.answered()).contains("GET /api/cases?page=4", "POST /api/cases/c-1/tasks");
        assertThat(CASES.dropped()).isNotEmpty();
    }

    @Test
    void aWriteWithoutAnIdempotencyKeyIsNeverSentTwice() {
        String avery = TestTokens.demo("advocate.avery");
        // a connection in the pool, which the service will close when it is used again
        assertThat(api.get("/api/cases?warm=1", avery).status()).isEqualTo(200);
        ApiClient.Response write = api.post("/api/cases/c-2/tasks", avery, Map.of("kind", "FOLLOW_UP"));

        assertThat(write.status()).isEqualTo(503);
        assertThat(write.json().get("type").asString()).isEqualTo("unavailable");
        assertThat(CASES.dropped()).contains("POST /api/cases/c-2/tasks");
        assertThat(CASES.answered()).doesNotContain("POST /api/cases/c-2/tasks");
    }
}
