package org.village.testing;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A Village app running on a random port against a real Kafka broker and MongoDB endpoint: what each service's
 * {@code RunningService}, and through it every integration test of the service, starts from. It gives a client
 * for the app's API, a producer for the events it consumes and the demo users' tokens.
 */
@WithVillageInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceUnderTest {

    protected static final String REYES = TestTokens.demo("officer.reyes");
    protected static final String CHEN = TestTokens.demo("officer.chen");
    protected static final String AVERY = TestTokens.demo("advocate.avery");
    protected static final String BLAKE = TestTokens.demo("advocate.blake");
    protected static final String SAM = TestTokens.demo("supervisor.sam");
    protected static final String HARBOR = TestTokens.demo("shelter.harbor");
    protected static final String HAVEN = TestTokens.demo("shelter.haven");
    protected static final String ADMIN = TestTokens.demo("admin");
    /** A supervisor of another agency. */
    protected static final String OTHER_SUPERVISOR = TestTokens.token("supervisor.zed", "elsewhere", "SUPERVISOR");

    @LocalServerPort
    protected int port;

    @Autowired
    protected KafkaTemplate<String, byte[]> kafka;

    /** A client of the app's API. */
    protected ApiClient api;

    @BeforeEach
    void startClient() {
        api = new ApiClient("http://localhost:" + port);
    }
}
