package org.village.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.village.testing.TestTokens;

/**
 * Security review finding: a live stream was held for as long as its client liked, with no timeout on its
 * route. The gateway now ends a stream after its configured lifetime, and the client reconnects.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "village.gateway.stream-lifetime=2s")
class StreamLifetimeIT {

    private static final CountDownLatch STOP = new CountDownLatch(1);
    private static final HttpServer NEVER_ENDING = neverEnding();

    @LocalServerPort
    int port;

    private static HttpServer neverEnding() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(": open\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    STOP.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException | IOException ended) {
                    // the gateway hung up: what this test wants
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add(
                "village.gateway.notification-uri",
                () -> "http://127.0.0.1:" + NEVER_ENDING.getAddress().getPort());
        registry.add("village.security.issuer", () -> TestTokens.ISSUER);
        registry.add("village.security.jwk-set-uri", TestTokens::jwksUri);
    }

    @AfterAll
    static void stop() {
        STOP.countDown();
        NEVER_ENDING.stop(0);
    }

    @Test
    void aStreamIsEndedAfterItsLifetime() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/notifications/stream"))
                .header("Authorization", "Bearer " + TestTokens.demo("advocate.avery"))
                .timeout(Duration.ofSeconds(30))
                .build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream in = response.body()) {
            assertThat(new String(in.readNBytes(8), StandardCharsets.UTF_8)).isEqualTo(": open\n\n");
            in.readAllBytes();
        } catch (IOException endedAbruptly) {
            // a stream cut by the gateway may end without a final chunk: ended all the same
        }
        Duration open = Duration.ofNanos(System.nanoTime() - started);
        assertThat(open)
                .as("ended by the gateway, long before the backend would")
                .isLessThan(Duration.ofSeconds(20));
        assertThat(open).as("not before its lifetime").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }
}
