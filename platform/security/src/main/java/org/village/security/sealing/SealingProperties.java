package org.village.security.sealing;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the master key comes from: a secret given directly ({@code master-key}, a Tink JSON keyset, e.g. from
 * an environment variable) or a file; the local stack lets the file be created on first start.
 *
 * @param enabled whether this app seals personal data
 * @param masterKey the master key as a Tink JSON keyset
 * @param masterKeyFile a file holding the master key
 * @param createMissingKeyFile create {@code master-key-file} with a new key when it does not exist (local only)
 */
@ConfigurationProperties("village.security.sealing")
public record SealingProperties(
        @DefaultValue("false") boolean enabled,
        String masterKey,
        Path masterKeyFile,
        @DefaultValue("false") boolean createMissingKeyFile) {
}
