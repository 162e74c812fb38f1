package org.village.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.village.testing.ApiClient;
import org.village.testing.TestCertificates;
import org.village.testing.TestTokens;
import org.village.testing.WithVillageInfrastructure;

/**
 * Security review finding: the production form fetched identity's signing keys over plain HTTP. A service
 * fetches them over HTTPS, trusting only the CA it is given (a mounted secret), and checks tokens with them.
 */
@WithVillageInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class JwksOverHttpsIT {

    private static final AtomicInteger FETCHED = new AtomicInteger();
    private static TestCertificates certificates;
    private static HttpsServer keys;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void keysOverHttps(DynamicPropertyRegistry registry) throws Exception {
        certificates = TestCertificates.create(Files.createTempDirectory("village-jwks-tls"));
        byte[] published = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(TestTokens.jwksUri())).build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
        keys = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        keys.setHttpsConfigurator(new HttpsConfigurator(certificates.serving()));
        keys.createContext("/oauth2/jwks", exchange -> {
            FETCHED.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, published.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(published);
            }
        });
        keys.start();
        Path ca = certificates.certificate();
        registry.add(
                "village.security.jwk-set-uri",
                () -> "https://localhost:" + keys.getAddress().getPort() + "/oauth2/jwks");
        registry.add("village.security.jwk-set-ssl-bundle", () -> "village");
        registry.add("spring.ssl.bundle.pem.village.truststore.certificate", () -> "file:" + ca);
    }

    @AfterAll
    static void stop() {
        keys.stop(0);
    }

    @Test
    void tokensAreCheckedWithKeysFetchedOverHttpsFromTheTrustedIdentity() {
        ApiClient api = new ApiClient("http://localhost:" + port);
        ApiClient.Response mine = api.get("/api/intakes?mine=true", TestTokens.demo("officer.reyes"));

        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        assertThat(FETCHED.get()).as("the keys came over HTTPS").isPositive();
        assertThat(api.get("/api/intakes?mine=true", "not-a-token").status()).isEqualTo(401);
    }
}
