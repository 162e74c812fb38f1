package org.village.messaging;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Signs the app in to Kafka with SCRAM as {@code village.kafka.username} with {@code village.kafka.password}
 * (the production form reads the password from a secret file): the JAAS line Kafka's clients read is written
 * here, with the password quoted and escaped, so a password holding {@code " \ + / , @ :} or spaces signs in
 * as it is. A JAAS line with the password pasted in by a placeholder broke on the first quote or backslash.
 */
public final class KafkaCredentials implements EnvironmentPostProcessor, Ordered {

    static final String USERNAME = "village.kafka.username";
    static final String PASSWORD = "village.kafka.password";
    static final String JAAS = "spring.kafka.properties.sasl.jaas.config";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Object username = Secrets.literal(environment, USERNAME);
        if (username == null) {
            return;
        }
        Object password = Secrets.literal(environment, PASSWORD);
        if (password == null) {
            throw new IllegalStateException(
                    USERNAME + " is set but " + PASSWORD + " is not: give the password in a secret file named "
                            + PASSWORD + " (or the environment variable VILLAGE_KAFKA_PASSWORD)");
        }
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "villageKafkaCredentials",
                        Map.of(JAAS, new Literal(jaas(username.toString(), password.toString())))));
    }

    /**
     * A value Spring takes as it is: placeholders are resolved only in values that are strings (Spring's secret
     * files are read the same way).
     */
    record Literal(String value) implements CharSequence {

        @Override
        public int length() {
            return value.length();
        }

        @Override
        public char charAt(int index) {
            return value.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return value.subSequence(start, end);
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** The SCRAM login line, each value in double quotes with {@code \} and {@code "} escaped as JAAS reads them. */
    public static String jaas(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=" + quoted(username)
                + " password=" + quoted(password) + ";";
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** After the config files and secret files are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
