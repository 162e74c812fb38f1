package org.village.security.sealing;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the master key comes from: a secret given directly ({@code master-key}, a Tink JSON keyset, e.g. from
 * a mounted secret file through the config tree) or a file; the local stack lets the file be created on first
 * start. And where the wrapped data keys are kept.
 *
 * @param enabled whether this app seals personal data
 * @param masterKey the master key as a Tink JSON keyset
 * @param masterKeyFile a file holding the master key
 * @param createMissingKeyFile create {@code master-key-file} with a new key when it does not exist (local only)
 * @param keyStore the key database
 */
@ConfigurationProperties("village.security.sealing")
public record SealingProperties(
        @DefaultValue("false") boolean enabled,
        String masterKey,
        Path masterKeyFile,
        @DefaultValue("false") boolean createMissingKeyFile,
        @DefaultValue KeyStore keyStore) {

    /**
     * The key database: at {@code uri} with its own credentials (and the SSL bundle {@code sslBundle} for TLS),
     * or, without a URI, the database {@code database} (default: the data database's name + {@code _keys}) on
     * the app's own MongoDB connection. The credentials are {@code username} and {@code password}, kept out of
     * the URI so that a password needs no encoding; the user is defined in the key database itself.
     */
    public record KeyStore(String uri, String database, String sslBundle, String username, String password) {}
}
