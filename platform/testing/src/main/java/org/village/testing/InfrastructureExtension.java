package org.village.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.village.security.audit.AuditTrail;
import org.village.security.sealing.Sealing;

/**
 * Makes the shared Kafka broker, MongoDB endpoint, test token issuer and sealing master key known to Spring Boot
 * through the properties every
 * Village app reads, before the test's application context starts.
 */
public class InfrastructureExtension implements BeforeAllCallback {

    /** One master key per test run, so that sealed data written by one test class opens in the next. */
    private static final String MASTER_KEY = Sealing.newMasterKey();
    /** One audit chain key per test run, so that a trail written by one test class verifies in the next. */
    private static final String AUDIT_CHAIN_KEY = AuditTrail.newChainKey();

    @Override
    public void beforeAll(ExtensionContext context) {
        Infrastructure infrastructure = VillageInfrastructure.get();
        System.setProperty("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        System.setProperty("spring.mongodb.uri", infrastructure.mongoUri());
        System.setProperty("village.security.issuer", TestTokens.ISSUER);
        System.setProperty("village.security.jwk-set-uri", TestTokens.jwksUri());
        System.setProperty("village.security.sealing.master-key", MASTER_KEY);
        System.setProperty("village.security.audit.chain-key", AUDIT_CHAIN_KEY);
    }
}
