package org.village.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/** A password with JAAS's and URLs' special characters signs in as it is. */
class KafkaCredentialsTest {

    private static final String HOSTILE = "p+/,\"@:\\ x=y;}{'end\"";

    @Test
    void kafkasOwnParserReadsBackTheExactPassword() {
        String line = KafkaCredentials.jaas("case", HOSTILE);

        AppConfigurationEntry entry = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(line)))
                .configurationEntries()
                .get(0);

        assertThat(entry.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        Map<String, ?> options = entry.getOptions();
        assertThat(options.get("username")).isEqualTo("case");
        assertThat(options.get("password")).isEqualTo(HOSTILE);
    }

    @Test
    void theLineIsWrittenFromTheSecretTakenLiterally() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "secrets", Map.of(KafkaCredentials.USERNAME, "case", KafkaCredentials.PASSWORD, "a${b}c\"")));

        new KafkaCredentials().postProcessEnvironment(environment, new SpringApplication());

        // bound as Spring Boot binds the Kafka clients' properties
        Map<String, String> kafka = Binder.get(environment)
                .bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
                .get();
        assertThat(kafka.get("sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"case\" "
                        + "password=\"a${b}c\\\"\";");
    }

    @Test
    void withoutAUsernameNothingIsAdded() {
        StandardEnvironment environment = new StandardEnvironment();

        new KafkaCredentials().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(KafkaCredentials.JAAS)).isNull();
    }

    @Test
    void aUsernameWithoutAPasswordIsRefusedAtStart() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("secrets", Map.of(KafkaCredentials.USERNAME, "case")));

        assertThatThrownBy(() -> new KafkaCredentials().postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("village.kafka.username is set but village.kafka.password is not");
    }

    @Test
    void springBootRunsItAfterReadingTheConfiguration() throws Exception {
        List<String> registered = new ArrayList<>();
        for (URL file : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(file));
            registered.add(factories.getProperty("org.springframework.boot.EnvironmentPostProcessor", ""));
        }

        assertThat(registered).anySatisfy(names -> assertThat(names).contains(KafkaCredentials.class.getName()));
        assertThat(new KafkaCredentials().getOrder()).isEqualTo(Ordered.LOWEST_PRECEDENCE);
    }
}
