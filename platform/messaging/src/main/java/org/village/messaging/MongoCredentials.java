package org.village.messaging;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Signs the app in to MongoDB as {@code village.mongodb.username} with {@code village.mongodb.password} (the
 * production form reads it from a secret file), against {@code spring.mongodb.authentication-database} or else
 * the app's database. The password goes to the driver as it is, never through a connection string: one pasted
 * into a URI broke on {@code @ : / , +}, and Spring Boot's own encoding of {@code spring.mongodb.password} turns
 * a space into a {@code +} that the driver keeps.
 */
public final class MongoCredentials implements MongoClientSettingsBuilderCustomizer, Ordered {

    static final String USERNAME = "village.mongodb.username";
    static final String PASSWORD = "village.mongodb.password";

    private final MongoCredential credential;

    public MongoCredentials(Environment environment) {
        String username = environment.getRequiredProperty(USERNAME);
        Object password = Secrets.literal(environment, PASSWORD);
        if (password == null) {
            throw new IllegalStateException(USERNAME + " is set but " + PASSWORD + " is not: give the password in a "
                    + "secret file named " + PASSWORD + " (or the environment variable VILLAGE_MONGODB_PASSWORD)");
        }
        String source = environment.getProperty(
                "spring.mongodb.authentication-database", environment.getProperty("spring.mongodb.database", "test"));
        this.credential = MongoCredential.createCredential(
                username, source, password.toString().toCharArray());
    }

    @Override
    public void customize(MongoClientSettings.Builder settings) {
        settings.credential(credential);
    }

    /** After Spring Boot has applied the address. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
