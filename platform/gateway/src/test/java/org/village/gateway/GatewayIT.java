package org.village.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.village.testing.ApiClient;
import org.village.testing.ForgedTokens;
import org.village.testing.TestTokens;

/** The gateway routes each path to its service and refuses calls without a valid token at the edge. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIT {

    private static final StubBackend BACKENDS = new StubBackend();

    @LocalServerPort
    int port;

    ApiClient api;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String backend = BACKENDS.url();
        for (String service : List.of("intake", "case", "referral", "notification", "identity")) {
            registry.add("village.gateway." + service + "-uri", () -> backend);
        }
        registry.add("village.security.issuer", () -> TestTokens.ISSUER);
        registry.add("village.security.jwk-set-uri", TestTokens::jwksUri);
    }

    @AfterAll
    static void stop() {
        BACKENDS.stop();
    }

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
        BACKENDS.received().clear();
        BACKENDS.clientAddresses().clear();
    }

    @Test
    void apiCallsWithoutAValidTokenAreRefusedAtTheEdge() {
        for (String token :
                Arrays.asList(null, "garbage", TestTokens.token("officer.reyes", "riverside-pd") /* no roles */)) {
            ApiClient.Response response = api.get("/api/intakes?mine=true", token);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("type").asString()).isEqualTo("unauthenticated");
        }
        assertThat(BACKENDS.received()).isEmpty();
    }

    @Test
    void everyForgedTokenIsRefusedAtTheEdge() {
        ForgedTokens.all("officer.reyes").forEach((flaw, token) -> {
            ApiClient.Response response = api.get("/api/intakes?mine=true", token);
            assertThat(response.status()).as(flaw).isEqualTo(401);
            assertThat(response.json().get("type").asString()).as(flaw).isEqualTo("unauthenticated");
        });
        assertThat(BACKENDS.received()).isEmpty();
    }

    @Test
    void eachApiPathReachesItsServiceWithTheTokenPassedOn() {
        String token = TestTokens.token("advocate.avery", "bridges", "ADVOCATE");
        for (String path : List.of(
                "/api/intakes",
                "/api/intakes/x",
                "/api/cases",
                "/api/cases/x",
                "/api/caseload",
                "/api/tasks",
                "/api/shelters",
                "/api/referrals/x",
                "/api/notifications",
                "/api/notifications/x/ack",
                "/api/me/notification-preferences")) {
            ApiClient.Response response = api.get(path, token);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.json().get("path").asString()).isEqualTo(path);
        }
        assertThat(BACKENDS.received())
                .allMatch(line -> line.endsWith("auth=true"))
                .hasSize(11);
    }

    @Test
    void adminCallsReachTheServiceTheyName() {
        String admin = TestTokens.demo("admin");
        ApiClient.Response named = api.get("/api/admin/audit/verify?service=case", admin);
        assertThat(named.status()).as(named.text()).isEqualTo(200);
        ApiClient.Response unnamed = api.get("/api/admin/audit/verify", admin);

        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.json().get("type").asString()).isEqualTo("validation-failed");
        assertThat(BACKENDS.received()).containsExactly("/api/admin/audit/verify auth=true");
    }

    @Test
    void identityLearnsTheCallersAddressAsTheGatewaySawItNeverOneTheCallerChose() {
        ApiClient.Response response =
                api.post("/oauth2/token", null, Map.of(), Map.of("X-Village-Client-Address", "203.0.113.99"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(BACKENDS.clientAddresses()).containsExactly("[127.0.0.1]");
        assertThat(api.get("/api/admin/login-locks?service=identity", TestTokens.demo("admin"))
                        .status())
                .isEqualTo(200);
        assertThat(BACKENDS.received()).last().isEqualTo("/api/admin/login-locks auth=true");
    }

    @Test
    void tokenRequestsReachIdentityWithoutAToken() {
        assertThat(api.postForm("/oauth2/token", Map.of("grant_type", "password"))
                        .status())
                .isEqualTo(200);
        assertThat(BACKENDS.received()).containsExactly("/oauth2/token auth=false");
    }
}
