package org.village.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.village.testing.ApiClient;
import org.village.testing.TestTokens;

/**
 * When identity takes a key request and never answers, a call with a token is answered promptly (503, nothing
 * forwarded) instead of waiting with it; the gateway's key client gives up after a few seconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeyFetchIT {

    private static final SilentServer IDENTITY = new SilentServer();
    private static final StubBackend BACKENDS = new StubBackend();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("village.gateway.intake-uri", BACKENDS::url);
        registry.add("village.security.issuer", () -> TestTokens.ISSUER);
        registry.add("village.security.jwk-set-uri", () -> IDENTITY.url() + "/oauth2/jwks");
    }

    @AfterAll
    static void stop() {
        BACKENDS.stop();
        IDENTITY.close();
    }

    @Test
    void aKeyFetchThatNeverAnswersEndsInAPrompt503() {
        Instant start = Instant.now();
        ApiClient.Response response = new ApiClient("http://localhost:" + port)
                .get("/api/intakes?mine=true", TestTokens.demo("officer.reyes"));
        Duration took = Duration.between(start, Instant.now());

        assertThat(response.status()).as(response.text()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("unavailable");
        assertThat(took).isLessThan(Duration.ofSeconds(15));
        assertThat(IDENTITY.accepted()).isPositive();
        assertThat(BACKENDS.received()).isEmpty();
    }

    /** Accepts connections, reads what is sent and never answers. */
    private static final class SilentServer {

        private final ServerSocket socket;
        private final List<Socket> held = new ArrayList<>();

        SilentServer() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread accepting = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try {
                                Socket connection = socket.accept();
                                synchronized (held) {
                                    held.add(connection);
                                }
                            } catch (IOException closed) {
                                return;
                            }
                        }
                    },
                    "silent-identity");
            accepting.setDaemon(true);
            accepting.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int accepted() {
            synchronized (held) {
                return held.size();
            }
        }

        void close() {
            try {
                socket.close();
                synchronized (held) {
                    for (Socket connection : held) {
                        connection.close();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
