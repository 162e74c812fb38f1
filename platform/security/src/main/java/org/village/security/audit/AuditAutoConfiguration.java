package org.village.security.audit;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.Base64;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.village.security.SecretFiles;

/** An audit trail, and its admin endpoints, for every servlet app that keeps a MongoDB database. */
@AutoConfiguration(afterName = "org.village.messaging.MessagingAutoConfiguration")
@ConditionalOnClass(MongoDatabase.class)
@ConditionalOnBean(MongoDatabase.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(AuditController.class)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditAutoConfiguration {

    @Bean
    AuditTrail auditTrail(MongoDatabase database, Clock clock, AuditProperties properties) {
        return new AuditTrail(database, clock, chainKey(properties));
    }

    static byte[] chainKey(AuditProperties properties) {
        String encoded;
        if (properties.chainKey() != null && !properties.chainKey().isBlank()) {
            encoded = properties.chainKey();
        } else if (properties.chainKeyFile() == null) {
            throw new IllegalStateException("No audit chain key is configured: set village.security.audit.chain-key "
                    + "(base64 of 32 random bytes) or chain-key-file");
        } else if (properties.createMissingKeyFile()) {
            encoded = SecretFiles.readOrCreate(properties.chainKeyFile(), AuditTrail::newChainKey);
        } else {
            encoded = SecretFiles.read(properties.chainKeyFile());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The audit chain key is not base64", e);
        }
        if (key.length < 32) {
            throw new IllegalStateException("The audit chain key must be at least 32 bytes; it has " + key.length);
        }
        return key;
    }
}
