package org.village.security.audit;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The secret that keys the audit chain's HMAC, held outside the service's database: given directly
 * ({@code chain-key}, base64 of at least 32 bytes) or in a file (a mounted secret); the local stack lets the
 * file be created on first start.
 *
 * @param chainKey the chain key, base64
 * @param chainKeyFile a file holding the chain key, base64
 * @param createMissingKeyFile create {@code chain-key-file} with a new key when it does not exist (local only)
 */
@ConfigurationProperties("village.security.audit")
public record AuditProperties(
        String chainKey,
        Path chainKeyFile,
        @DefaultValue("false") boolean createMissingKeyFile) {}
