package org.village.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.village.testing.ApiClient;

/**
 * Security review finding: 25 wrong passwords in a row for advocate.avery were each answered at once, and the
 * right one worked straight after; nothing was audited. Failed sign-ins are now slowed and then locked, per
 * account and per client address (as the gateway saw it), each audited; an admin sees and lifts locks, and
 * another user from another address signs in throughout.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "village.identity.key-file=target/login-throttle-it/signing-key.json",
            // long enough that 25 guesses and the right password are answered within it on a slow machine
            "village.identity.login.first-delay=6s",
            "village.identity.login.longest-delay=6s",
            "village.identity.login.account-lock-after=6",
            "village.identity.login.address-lock-after=40",
            "village.identity.login.lock-for=10m"
        })
@ActiveProfiles("local")
class LoginThrottleIT {

    private static final String ATTACKER = "203.0.113.5";

    @LocalServerPort
    int port;

    private HttpResponse<String> token(String username, String password, String address) throws Exception {
        String form = Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "village-cli",
                        "username",
                        username,
                        "password",
                        password)
                .entrySet()
                .stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header(ClientAddress.HEADER, address)
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String accessToken(HttpResponse<String> response) {
        return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void guessingIsSlowedThenLockedWhileOthersSignIn(CapturedOutput output) throws Exception {
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            answers.add(token("advocate.avery", "guess" + i, ATTACKER).statusCode());
        }
        assertThat(answers.subList(0, 3)).as("the first few are checked").containsOnly(400);
        assertThat(answers.stream().filter(status -> status == 429).count())
                .as("the rest wait their turn")
                .isGreaterThanOrEqualTo(20);
        HttpResponse<String> rightAtOnce = token("advocate.avery", "village", ATTACKER);
        assertThat(rightAtOnce.statusCode())
                .as("the right password straight after the guesses")
                .isEqualTo(429);
        assertThat(rightAtOnce.headers().firstValue("Retry-After")).isPresent();
        assertThat(rightAtOnce.body()).doesNotContain("access_token");

        assertThat(token("advocate.blake", "village", "198.51.100.7").statusCode())
                .as("another user from another address")
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> token("advocate.avery", "another-guess", ATTACKER)
                        .body()
                        .contains("locked"));
        HttpResponse<String> locked = token("advocate.avery", "village", "198.51.100.99");
        assertThat(locked.statusCode())
                .as("a locked account, even from elsewhere")
                .isEqualTo(429);
        assertThat(locked.body()).contains("locked");
        assertThat(token("advocate.blake", "village", "198.51.100.8").statusCode())
                .isEqualTo(200);

        ApiClient api = new ApiClient("http://localhost:" + port);
        String admin = accessToken(token("admin", "village", "192.0.2.10"));
        String blake = accessToken(token("advocate.blake", "village", "198.51.100.7"));
        ApiClient.Response locks = api.get("/api/admin/login-locks", admin);
        assertThat(locks.status()).isEqualTo(200);
        assertThat(locks.text()).contains("\"kind\":\"ACCOUNT\"", "\"value\":\"advocate.avery\"");
        assertThat(api.get("/api/admin/login-locks", blake).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/login-locks", null).status()).isEqualTo(401);
        assertThat(api.delete("/api/admin/login-locks?account=advocate.avery", blake)
                        .status())
                .isEqualTo(403);
        assertThat(api.delete("/api/admin/login-locks?account=advocate.blake", admin)
                        .status())
                .isEqualTo(404);

        assertThat(LocalOnlyIT.signIn("http://localhost:" + port, "advocate.avery", "village"))
                .as("the login form is held to the same lock")
                .endsWith("/login?error");

        assertThat(api.delete("/api/admin/login-locks?account=advocate.avery", admin)
                        .status())
                .isEqualTo(204);
        assertThat(token("advocate.avery", "village", "198.51.100.20").statusCode())
                .as("unlocked")
                .isEqualTo(200);
        assertThat(api.get("/api/admin/login-locks", admin).text()).doesNotContain("advocate.avery");

        assertThat(output.getOut())
                .contains("LOGIN_FAILED account=advocate.avery address=" + ATTACKER)
                .contains("LOGIN_LOCKED account=advocate.avery")
                .contains("LOGIN_REFUSED account=advocate.avery")
                .contains("LOGIN_UNLOCKED account=advocate.avery by=admin")
                .doesNotContain("guess1");
    }
}
