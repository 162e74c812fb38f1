package org.village.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.village.testing.ApiClient;
import org.village.testing.TestCertificates;

/**
 * Security review finding: the production form ran identity with the local profile, so the password grant and
 * the demo users (admin/village) were live; one setting enabled the password grant in any profile. Identity now
 * starts them under the local profile alone, refuses to start otherwise, and a deployment signs in first with a
 * bootstrap admin whose password comes from a secret file.
 */
class LocalOnlyIT {

    @TempDir
    Path data;

    private TestCertificates certificates;

    private ConfigurableApplicationContext start(String profiles, String... properties) {
        if (certificates == null) {
            certificates = TestCertificates.create(data);
        }
        TestCertificates tls = certificates;
        String[] arguments = new String[properties.length + 5];
        arguments[0] = "--server.port=0";
        arguments[1] = "--village.identity.key-file=" + data.resolve("signing-key.json");
        arguments[2] = "--spring.ssl.bundle.pem.identity.keystore.certificate=file:" + tls.certificate();
        arguments[3] = "--spring.ssl.bundle.pem.identity.keystore.private-key=file:" + tls.key();
        arguments[4] = "--management.server.port=0";
        for (int i = 0; i < properties.length; i++) {
            arguments[i + 5] = "--" + properties[i];
        }
        return new SpringApplicationBuilder(IdentityApplication.class)
                .profiles(profiles.split(","))
                .run(arguments);
    }

    private static String cause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Test
    void thePasswordGrantOutsideTheLocalProfileStopsTheStart() {
        assertThatThrownBy(() -> start(
                        "docker",
                        "village.identity.issuer=https://id.village.example",
                        "village.identity.password-grant=true"))
                .satisfies(e -> assertThat(cause(e))
                        .startsWith("Identity refuses to start: the password grant")
                        .contains("[docker]"));
    }

    @Test
    void theDemoUsersBesideAnotherProfileStopTheStart() {
        assertThatThrownBy(() -> start("local,docker", "village.identity.issuer=https://id.village.example"))
                .satisfies(e -> assertThat(cause(e)).contains("the password grant"));
        assertThatThrownBy(() -> start(
                        "docker",
                        "village.identity.issuer=https://id.village.example",
                        "village.identity.demo-users[0].username=admin",
                        "village.identity.demo-users[0].password=village",
                        "village.identity.demo-users[0].roles[0]=ADMIN",
                        "village.identity.demo-users[0].org=village"))
                .satisfies(e -> assertThat(cause(e)).contains("the demo users"));
    }

    @Test
    void aPlaintextIssuerOrAPlaintextPasswordStopsTheDockerProfile() {
        assertThatThrownBy(() -> start("docker", "village.identity.issuer=http://identity:9000"))
                .satisfies(e -> assertThat(cause(e)).contains("plaintext HTTP"));
        assertThatThrownBy(() -> start(
                        "docker",
                        "village.identity.issuer=https://id.village.example",
                        "village.identity.users[0].username=ops",
                        "village.identity.users[0].password=village",
                        "village.identity.users[0].roles[0]=ADMIN",
                        "village.identity.users[0].org=village"))
                .satisfies(e -> assertThat(cause(e)).contains("must be stored encoded"));
    }

    @Test
    void theProductionFormSignsInOnlyItsBootstrapAdminAndHasNoPasswordGrant() throws Exception {
        Path secret = Files.writeString(data.resolve("admin-password"), "a-long-bootstrap-secret\n");
        try (ConfigurableApplicationContext identity = start(
                "docker",
                "village.identity.issuer=https://id.village.example",
                "village.identity.bootstrap-admin.password-file=" + secret)) {
            int port = ((WebServerApplicationContext) identity).getWebServer().getPort();
            String base = "https://localhost:" + port;
            HttpClient https =
                    HttpClient.newBuilder().sslContext(certificates.trusting()).build();
            HttpResponse<String> token = https.send(
                    HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "grant_type=password&client_id=village-cli&username=admin"
                                            + "&password=a-long-bootstrap-secret"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).as("no password grant").isEqualTo(401);
            HttpResponse<String> plaintext = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(plaintext.statusCode()).as("plaintext is not served").isEqualTo(400);
            assertThat(plaintext.body()).doesNotContain("password");

            assertThat(signIn(https, base, "admin", "village"))
                    .as("the demo password")
                    .endsWith("/login?error");
            assertThat(signIn(https, base, "officer.reyes", "village"))
                    .as("a demo user")
                    .endsWith("/login?error");
            assertThat(signIn(https, base, "admin", "a-long-bootstrap-secret")).doesNotContain("error");
        }
    }

    @Test
    void theLocalProfileAloneStartsWithDemoUsersAndThePasswordGrant() {
        try (ConfigurableApplicationContext identity = start("local")) {
            int port = ((WebServerApplicationContext) identity).getWebServer().getPort();
            ApiClient.Response token = new ApiClient("http://localhost:" + port)
                    .postForm(
                            "/oauth2/token",
                            Map.of(
                                    "grant_type",
                                    "password",
                                    "client_id",
                                    "village-cli",
                                    "username",
                                    "admin",
                                    "password",
                                    "village"));
            assertThat(token.status()).as(token.text()).isEqualTo(200);
        }
    }

    /** Signs in through the login form as a browser does; returns where the form sent the browser. */
    static String signIn(String base, String username, String password) throws Exception {
        return signIn(HttpClient.newHttpClient(), base, username, password);
    }

    /** Signs in as a browser would, on the given client's TLS settings, with a cookie jar of its own. */
    static String signIn(HttpClient client, String base, String username, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .sslContext(client.sslContext())
                .build();
        String page = browser.send(
                        HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        HttpResponse<Void> answer = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(302);
        return answer.headers().firstValue("Location").orElseThrow();
    }
}
