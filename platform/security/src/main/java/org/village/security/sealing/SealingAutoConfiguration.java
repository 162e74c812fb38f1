package org.village.security.sealing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Files;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.village.security.SecretFiles;

/**
 * Sealing for apps that keep personal data ({@code village.security.sealing.enabled=true}): the master key, and
 * the key database apart from the data.
 */
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
                throw new IllegalStateException(
                        "The master key file " + properties.masterKeyFile() + " does not exist");
            }
            return Sealing.withMasterKey(SecretFiles.read(properties.masterKeyFile()));
        }
        return Sealing.withMasterKey(SecretFiles.readOrCreate(properties.masterKeyFile(), Sealing::newMasterKey));
    }

    /** The key database, when the app talks to MongoDB. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MongoClient.class)
    static class KeyVaultConfiguration {

        @Bean
        KeyVault keyVault(
                SealingProperties properties,
                ObjectProvider<MongoClient> appClient,
                ObjectProvider<SslBundles> bundles,
                Environment environment) {
            SealingProperties.KeyStore store = properties.keyStore();
            if (store.uri() != null && !store.uri().isBlank()) {
                ConnectionString uri = new ConnectionString(store.uri());
                String name = store.database() != null ? store.database() : uri.getDatabase();
                if (name == null) {
                    throw new IllegalStateException("Name the key database in village.security.sealing.key-store.uri");
                }
                return new KeyVault(MongoClients.create(keyStoreSettings(store, uri, name, bundles))
                        .getDatabase(name));
            }
            String name = store.database();
            if (name == null) {
                String data = environment.getProperty("spring.mongodb.database");
                if (data == null && environment.getProperty("spring.mongodb.uri") != null) {
                    data = new ConnectionString(environment.getProperty("spring.mongodb.uri")).getDatabase();
                }
                if (data == null) {
                    throw new IllegalStateException("Set village.security.sealing.key-store.database or "
                            + "spring.mongodb.database: the keys live in a database apart from the data");
                }
                name = data + "_keys";
            }
            return new KeyVault(appClient.getObject().getDatabase(name));
        }

        /** How the key database is reached: its address, its own user and TLS. */
        static MongoClientSettings keyStoreSettings(
                SealingProperties.KeyStore store,
                ConnectionString uri,
                String database,
                ObjectProvider<SslBundles> bundles) {
            MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(uri);
            MongoCredential credential = keyStoreCredential(store, database);
            if (credential != null) {
                settings.credential(credential);
            }
            if (store.sslBundle() != null && !store.sslBundle().isBlank()) {
                SslBundle bundle = bundles.getObject().getBundle(store.sslBundle());
                settings.applyToSslSettings(ssl -> ssl.enabled(true).context(bundle.createSslContext()));
            }
            return settings.build();
        }
    }

    /**
     * The key database's own user, signing in to that database, when {@code village.security.sealing.key-store}
     * names one; the password is used as given (it is never part of a URI).
     */
    public static @Nullable MongoCredential keyStoreCredential(SealingProperties.KeyStore store, String database) {
        if (store.username() == null || store.username().isBlank()) {
            return null;
        }
        if (store.password() == null) {
            throw new IllegalStateException("village.security.sealing.key-store.username is set but its password "
                    + "is not (village.security.sealing.key-store.password)");
        }
        return MongoCredential.createCredential(
                store.username(), database, store.password().toCharArray());
    }
}
