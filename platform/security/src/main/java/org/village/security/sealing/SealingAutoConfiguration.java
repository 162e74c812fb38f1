package org.village.security.sealing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Files;
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
                MongoClientSettings.Builder settings =
                        MongoClientSettings.builder().applyConnectionString(uri);
                if (store.sslBundle() != null && !store.sslBundle().isBlank()) {
                    SslBundle bundle = bundles.getObject().getBundle(store.sslBundle());
                    settings.applyToSslSettings(ssl -> ssl.enabled(true).context(bundle.createSslContext()));
                }
                String name = store.database() != null ? store.database() : uri.getDatabase();
                if (name == null) {
                    throw new IllegalStateException("Name the key database in village.security.sealing.key-store.uri");
                }
                return new KeyVault(MongoClients.create(settings.build()).getDatabase(name));
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
    }
}
