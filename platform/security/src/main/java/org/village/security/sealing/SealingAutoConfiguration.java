package org.village.security.sealing;

import java.nio.file.Files;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.village.security.SecretFiles;

/** Sealing for apps that keep personal data ({@code village.security.sealing.enabled=true}). */
@AutoConfiguration
@ConditionalOnProperty(prefix = "village.security.sealing", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(SealingProperties.class)
public class SealingAutoConfiguration {

    @Bean
    Sealing sealing(SealingProperties properties) {
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return Sealing.withMasterKey(properties.masterKey());
        }
        if (properties.masterKeyFile() == null) {
            throw new IllegalStateException("Sealing is enabled but no master key is configured: set "
                    + "village.security.sealing.master-key (a Tink JSON keyset) or master-key-file");
        }
        if (!properties.createMissingKeyFile()) {
            if (!Files.exists(properties.masterKeyFile())) {
                throw new IllegalStateException("The master key file " + properties.masterKeyFile() + " does not exist");
            }
            return Sealing.withMasterKey(SecretFiles.read(properties.masterKeyFile()));
        }
        return Sealing.withMasterKey(SecretFiles.readOrCreate(properties.masterKeyFile(), Sealing::newMasterKey));
    }
}
