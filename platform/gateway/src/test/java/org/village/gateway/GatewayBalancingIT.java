package org.village.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
 * A service running as several instances ({@code lb://case-service}, its instances listed for the gateway):
 * requests go round the ready ones, one that reports itself not ready is left out, and when one stops, every
 * read is still answered, sent again to another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayBalancingIT {

    private static final StubBackend FIRST = new StubBackend();
    private static final StubBackend SECOND = new StubBackend();

    @LocalServerPort
    int port;

    ApiClient api;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("village.gateway.case-uri", () -> "lb://case-service");
        registry.add("spring.cloud.discovery.client.simple.instances.case-service[0].uri", FIRST::url);
        registry.add("spring.cloud.discovery.client.simple.instances.case-service[1].uri", SECOND::url);
        registry.add("village.security.issuer", () -> TestTokens.ISSUER);
        registry.add("village.security.jwk-set-uri", TestTokens::jwksUri);
    }

    @AfterAll
    static void stop() {
        FIRST.stop();
        SECOND.stop();
    }

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void requestsGoRoundTheReadyInstancesAndAStoppedOneLosesNoRead() {
        String avery = TestTokens.demo("advocate.avery");

        // both ready: both get requests
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            int first = FIRST.received().size();
            int second = SECOND.received().size();
            for (int i = 0; i < 6; i++) {
                assertThat(api.get("/api/cases?round=" + i, avery).status()).isEqualTo(200);
            }
            assertThat(FIRST.received().size()).isGreaterThan(first);
            assertThat(SECOND.received().size()).isGreaterThan(second);
        });

        // the second reports itself not ready: once the gateway has checked, it gets nothing
        SECOND.ready(false);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            int second = SECOND.received().size();
            for (int i = 0; i < 6; i++) {
                assertThat(api.get("/api/cases?first-only=" + i, avery).status())
                        .isEqualTo(200);
            }
            assertThat(SECOND.received()).hasSize(second);
        });

        // ready again: it is given requests again
        SECOND.ready(true);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            int second = SECOND.received().size();
            for (int i = 0; i < 6; i++) {
                assertThat(api.get("/api/cases?back=" + i, avery).status()).isEqualTo(200);
            }
            assertThat(SECOND.received().size()).isGreaterThan(second);
        });

        // it stops at once (as kill -9): every read is answered, the ones that went to it sent again to the first
        SECOND.stop();
        for (int i = 0; i < 12; i++) {
            ApiClient.Response read = api.get("/api/cases?after-stop=" + i, avery);
            assertThat(read.status()).as("GET %d: %s", i, read.text()).isEqualTo(200);
        }
        assertThat(FIRST.received()).contains("/api/cases auth=true");
    }
}
