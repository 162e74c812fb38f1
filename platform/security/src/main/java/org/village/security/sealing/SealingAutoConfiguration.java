package org.village.security.sealing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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
        try {
            if (!Files.exists(properties.masterKeyFile())) {
                if (!properties.createMissingKeyFile()) {
                    throw new IllegalStateException("The master key file " + properties.masterKeyFile() + " does not exist");
                }
                Files.createDirectories(properties.masterKeyFile().toAbsolutePath().getParent());
                Files.writeString(properties.masterKeyFile(), Sealing.newMasterKey());
                try {
                    Files.setPosixFilePermissions(properties.masterKeyFile(), PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's own protection applies
                }
            }
            return Sealing.withMasterKey(Files.readString(properties.masterKeyFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the master key file " + properties.masterKeyFile(), e);
        }
    }
}
