package org.village.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.village.testing.TestCertificates;

/** The console reaches an identity whose certificate is of the deployment's CA, and nothing else is trusted. */
class TrustedAuthorityTest {

    @TempDir
    Path dir;

    private SSLContext original;
    private HttpsServer server;
    private TestCertificates certificates;

    @BeforeEach
    void serve() throws Exception {
        original = SSLContext.getDefault();
        certificates = TestCertificates.create(dir);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificates.serving()));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void restore() {
        server.stop(0);
        SSLContext.setDefault(original);
    }

    private int get() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("https://localhost:"
                                        + server.getAddress().getPort() + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static StandardEnvironment with(String file) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("test", Map.of(TrustedAuthority.PROPERTY, file)));
        return environment;
    }

    @Test
    void theDeploymentsCaIsTrustedOnceConfigured() throws Exception {
        assertThatThrownBy(this::get).isInstanceOf(SSLHandshakeException.class);
        TrustedAuthority.apply(with(certificates.certificate().toString()));
        assertThat(get()).isEqualTo(204);
    }

    @Test
    void aFileWithoutACertificateStopsTheStartWithASentence() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> TrustedAuthority.apply(with(empty.toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds no certificate");
    }
}
