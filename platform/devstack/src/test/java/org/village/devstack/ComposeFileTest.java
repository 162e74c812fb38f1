package org.village.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run here, so this test holds it to the code: every app it names is built by a
 * module, listens where compose says, and reads every environment variable compose gives it.
 */
class ComposeFileTest {

    /** Settings Spring Boot itself reads, which no application.yml needs to name. */
    private static final Set<String> SPRING_OWN = Set.of("SPRING_PROFILES_ACTIVE", "SERVER_PORT");

    private static final Pattern JAR = Pattern.compile("(.+)/target/([a-z-]+)\\.jar");
    private static final String APP_DOCKERFILE = "platform/devstack/compose/app.Dockerfile";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(:[^}]*)?}");

    private final Path repository = StackConfig.findRepository();
    private final Map<String, Object> compose = yaml(repository.resolve("docker-compose.yml"));

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void runsTheRealKafkaAndMongoImagesWithAuthenticationAndTls() throws IOException {
        assertThat(services().get("kafka").get("image").toString()).startsWith("apache/kafka:");
        assertThat(Files.readString(repository.resolve("platform/devstack/compose/kafka/server.properties")))
                .contains("process.roles=broker,controller")
                .contains("sasl.enabled.mechanisms=SCRAM-SHA-512")
                .contains("listeners=SASL_SSL://:@PORT@,CONTROLLER://127.0.0.1:@CONTROLLER_PORT@")
                .contains("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .contains("allow.everyone.if.no.acl.found=false")
                .doesNotContain("PLAINTEXT://:");
        assertThat(Files.readString(repository.resolve("platform/devstack/compose/kafka/start.sh")))
                .contains("--add-config-file")
                .doesNotContain("${KAFKA_ADMIN_PASSWORD");
        assertThat(services().get("mongo").get("image").toString()).startsWith("mongo:");
        assertThat(Files.readString(repository.resolve("platform/devstack/compose/mongo-start.sh")))
                .contains("--replSet")
                .contains("--keyFile")
                .contains("--tlsMode requireTLS");
        assertThat(services().get("mongo").get("healthcheck").toString())
                .contains("isWritablePrimary")
                .doesNotContain("PASSWORD");
    }

    @Test
    void everyContainerIsRestartedWhenItStopsAndHeldToAMemoryLimit() {
        services().forEach((name, service) -> {
            assertThat(String.valueOf(service.get("restart"))).as(name).isEqualTo("unless-stopped");
            assertThat(String.valueOf(service.get("mem_limit"))).as(name).matches("\\d+[mg]");
        });
    }

    @Test
    void theProductionFormsExampleOrganisationsAreTheDemoOrganisations() {
        assertThat(yaml(repository.resolve("platform/devstack/compose/organisations.yml")))
                .isEqualTo(
                        yaml(repository.resolve("platform/events/src/main/resources/village/demo-organisations.yml")));
    }

    @Test
    void noSecretIsWrittenInTheComposeFileOrGivenAsAnEnvironmentVariable() {
        Map<String, Object> declared = section("secrets");
        for (var entry : services().entrySet()) {
            environment(entry.getValue()).forEach((name, value) -> {
                assertThat(name)
                        .as(entry.getKey() + " " + name)
                        .satisfiesAnyOf(
                                n -> assertThat(n).doesNotContain("PASSWORD", "SECRET", "MASTER_KEY"),
                                n -> assertThat(String.valueOf(value)).startsWith("/run/secrets/"));
            });
            for (String source : secretSources(entry.getValue())) {
                assertThat(declared)
                        .as(entry.getKey() + " uses secret " + source)
                        .containsKey(source);
            }
        }
        declared.forEach((name, definition) ->
                assertThat(String.valueOf(definition)).as(name).contains("file=./secrets/"));
    }

    @Test
    void eachServiceHasItsOwnCredentialsAndReadsEverySecretItIsGiven() {
        Set<String> kafkaPasswords = new HashSet<>();
        for (var entry : services().entrySet()) {
            var jar = jarOf(entry.getValue());
            if (jar.isEmpty() || !jar.get().module().startsWith("services/")) {
                continue;
            }
            String service = jar.get().module().substring("services/".length());
            boolean seals = ComposeSecrets.SERVICES.contains(service);
            if (!seals && !ComposeSecrets.EVENT_ONLY_SERVICES.contains(service)) {
                continue;
            }
            Map<String, String> targets = secretTargets(entry.getValue());
            assertThat(targets)
                    .containsKeys(
                            "village.kafka.password",
                            "village.mongodb.password",
                            "village.security.audit.chain-key",
                            "village_ca.pem");
            if (seals) {
                assertThat(targets)
                        .containsKeys("village.keys.mongodb.password", "village.security.sealing.master-key");
                assertThat(targets.get("village.keys.mongodb.password")).isEqualTo(service + "_keys_mongo_password");
            } else {
                assertThat(targets)
                        .as(service + " holds no survivor's details: no keys to seal them with")
                        .doesNotContainKeys("village.keys.mongodb.password", "village.security.sealing.master-key");
            }
            kafkaPasswords.add(targets.get("village.kafka.password"));
            assertThat(targets.get("village.mongodb.password")).isEqualTo(service + "_mongo_password");
            String config = documents(repository.resolve(jar.get().module())).toString();
            for (String property : targets.keySet()) {
                if (property.equals("village.kafka.password") || property.equals("village.mongodb.password")) {
                    // read as it is by messaging's KafkaCredentials / MongoCredentials once the user is named
                    String user = property.replace(".password", ".username");
                    assertThat(config).as(entry.getKey() + " names its " + user).contains(user + "=" + service);
                } else if (property.startsWith("village.") && !property.startsWith("village.security.")) {
                    assertThat(config).as(entry.getKey() + " reads " + property).contains("${" + property + "}");
                }
            }
        }
        assertThat(kafkaPasswords).hasSize(5);
    }

    @Test
    void theProductionFormRunsNoLocalProfileAndPublishesNoDemoInbox() {
        for (var entry : services().entrySet()) {
            Object profiles = environment(entry.getValue()).get("SPRING_PROFILES_ACTIVE");
            if (profiles != null) {
                assertThat(String.valueOf(profiles)).as(entry.getKey()).isEqualTo("docker");
            }
            assertThat(String.valueOf(entry.getValue().get("ports")))
                    .as(entry.getKey())
                    .doesNotContain("8025");
        }
        assertThat(services()).doesNotContainKey("mail");
        assertThat(secretTargets(services().get("identity"))).containsKey("identity_admin_password");
    }

    /**
     * Each app runs its own image, built from its jar by the one app Dockerfile: layered, run by an unprivileged
     * user, nothing bind-mounted from the checkout (a missing jar had made Docker create a root-owned directory
     * in its place and the app crash-loop).
     */
    @Test
    void everyAppRunsItsOwnImageBuiltLayeredAndNonRoot() throws IOException {
        for (var entry : services().entrySet()) {
            Map<String, Object> service = entry.getValue();
            if (jarOf(service).isEmpty()) {
                assertThat(service.get("image"))
                        .as(entry.getKey() + " is infrastructure")
                        .isNotNull();
                continue;
            }
            assertThat(String.valueOf(service.get("image")))
                    .as(entry.getKey())
                    .isEqualTo("village/" + entry.getKey() + ":${VILLAGE_VERSION:-0.1.0}");
            Map<?, ?> build = (Map<?, ?>) service.get("build");
            assertThat(build.get("context")).isEqualTo(".");
            assertThat(build.get("dockerfile")).isEqualTo(APP_DOCKERFILE);
            assertThat(String.valueOf(service.get("volumes")))
                    .as(entry.getKey())
                    .doesNotContain(".jar");
            assertThat(service).as(entry.getKey()).doesNotContainKey("command");
        }
        List<String> dockerfile = Files.readAllLines(repository.resolve(APP_DOCKERFILE)).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        assertThat(dockerfile)
                .contains("RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted")
                .containsSubsequence(
                        "COPY --from=layers /build/extracted/dependencies/ ./",
                        "COPY --from=layers /build/extracted/spring-boot-loader/ ./",
                        "COPY --from=layers /build/extracted/snapshot-dependencies/ ./",
                        "COPY --from=layers /build/extracted/application/ ./",
                        "USER 10001:10001");
        String user = dockerfile.stream()
                .filter(line -> line.startsWith("USER "))
                .reduce((first, last) -> last)
                .orElseThrow();
        assertThat(user).as("the last USER").isNotIn("USER root", "USER 0", "USER 0:0");
        assertThat(dockerfile.get(dockerfile.size() - 1))
                .isEqualTo("ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\", "
                        + "\"org.springframework.boot.loader.launch.JarLauncher\"]");
        // the build context holds the jars and nothing else
        assertThat(Files.readAllLines(repository.resolve(".dockerignore")))
                .contains("*", "!platform/*/target/*.jar", "!services/*/target/*.jar");
    }

    @Test
    void everyAppModuleRunsInCompose() {
        Set<String> modules = new HashSet<>();
        for (Map<String, Object> service : services().values()) {
            jarOf(service).ifPresent(jar -> modules.add(jar.module()));
        }
        assertThat(modules)
                .containsExactlyInAnyOrder(
                        "platform/identity",
                        "platform/gateway",
                        "services/intake",
                        "services/case",
                        "services/referral",
                        "services/notification",
                        "services/reporting",
                        "services/console");
    }

    @Test
    void everyAppIsAModulesJarListeningOnItsConfiguredPort() throws IOException {
        for (var entry : services().entrySet()) {
            var jar = jarOf(entry.getValue());
            if (jar.isEmpty()) {
                continue;
            }
            Path module = repository.resolve(jar.get().module());
            assertThat(Files.readString(module.resolve("pom.xml")))
                    .as("%s runs %s.jar", entry.getKey(), jar.get().artifact())
                    .contains("<artifactId>" + jar.get().artifact() + "</artifactId>");
            Map<String, Object> environment = environment(entry.getValue());
            Object configuredPort = flatten(documents(module).get(0)).get("server.port");
            assertThat(String.valueOf(environment.get("SERVER_PORT")))
                    .as(entry.getKey() + " port")
                    .isEqualTo(String.valueOf(configuredPort));
            Object published = entry.getValue().get("ports");
            if (published != null) {
                assertThat(published.toString()).contains(":" + configuredPort);
            }
        }
    }

    @Test
    void everyEnvironmentVariableIsASettingTheAppReads() {
        for (var entry : services().entrySet()) {
            var jar = jarOf(entry.getValue());
            if (jar.isEmpty()) {
                continue;
            }
            List<Map<String, Object>> documents =
                    documents(repository.resolve(jar.get().module()));
            Set<String> known = new HashSet<>(SPRING_OWN);
            Set<String> profiles = new HashSet<>();
            for (Map<String, Object> document : documents) {
                flatten(document).forEach((key, value) -> {
                    known.add(envName(key));
                    Matcher placeholders = PLACEHOLDER.matcher(String.valueOf(value));
                    while (placeholders.find()) {
                        known.add(envName(placeholders.group(1)));
                    }
                    if (key.equals("spring.config.activate.on-profile")) {
                        profiles.add(String.valueOf(value));
                    }
                });
            }
            Map<String, Object> environment = environment(entry.getValue());
            assertThat(environment.keySet())
                    .as("environment of " + entry.getKey())
                    .isSubsetOf(known);
            for (String profile :
                    String.valueOf(environment.get("SPRING_PROFILES_ACTIVE")).split(",", -1)) {
                assertThat(profiles).as("profiles of " + entry.getKey()).contains(profile.trim());
            }
        }
    }

    @Test
    void everyDependencyWaitsUntilItIsHealthy() {
        for (var entry : services().entrySet()) {
            assertThat(entry.getValue()).as(entry.getKey() + " healthcheck").containsKey("healthcheck");
            Object dependsOn = entry.getValue().get("depends_on");
            if (dependsOn instanceof Map<?, ?> dependencies) {
                dependencies.forEach((name, condition) -> {
                    assertThat(services()).containsKey(String.valueOf(name));
                    assertThat(condition.toString()).contains("service_healthy");
                });
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String name) {
        return (Map<String, Object>) compose.getOrDefault(name, Map.of());
    }

    /** The secrets a service mounts: source name to the file name it is mounted as under /run/secrets. */
    private static Map<String, String> secretTargetsBySource(Map<String, Object> service) {
        Map<String, String> mounted = new LinkedHashMap<>();
        Object secrets = service.get("secrets");
        if (secrets instanceof List<?> list) {
            for (Object secret : list) {
                if (secret instanceof Map<?, ?> longForm) {
                    mounted.put(String.valueOf(longForm.get("source")), String.valueOf(longForm.get("target")));
                } else {
                    mounted.put(String.valueOf(secret), String.valueOf(secret));
                }
            }
        }
        return mounted;
    }

    private static Set<String> secretSources(Map<String, Object> service) {
        return secretTargetsBySource(service).keySet();
    }

    /** The file name under /run/secrets to the secret mounted there. */
    private static Map<String, String> secretTargets(Map<String, Object> service) {
        Map<String, String> byTarget = new LinkedHashMap<>();
        secretTargetsBySource(service).forEach((source, target) -> byTarget.put(target, source));
        return byTarget;
    }

    private record Jar(String module, String artifact) {}

    /** The jar an app's image is built from (its build argument JAR). */
    private static Optional<Jar> jarOf(Map<String, Object> service) {
        if (service.get("build") instanceof Map<?, ?> build && build.get("args") instanceof Map<?, ?> args) {
            Matcher matcher = JAR.matcher(String.valueOf(args.get("JAR")));
            if (matcher.matches()) {
                return Optional.of(new Jar(matcher.group(1), matcher.group(2)));
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    /** Every document of every application*.yml of a module. */
    private static List<Map<String, Object>> documents(Path module) {
        List<Map<String, Object>> documents = new ArrayList<>();
        Path resources = module.resolve("src/main/resources");
        try (var files = Files.list(resources)) {
            List<Path> configs = files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml"))
                    .sorted(Comparator.comparing(
                            (Path f) -> !f.getFileName().toString().equals("application.yml")))
                    .toList();
            for (Path config : configs) {
                try (Reader reader = Files.newBufferedReader(config)) {
                    for (Object document : new Yaml().loadAll(reader)) {
                        if (document instanceof Map<?, ?> map) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> typed = (Map<String, Object>) map;
                            documents.add(typed);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static Map<String, Object> flatten(Map<String, Object> document) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", document, flat);
        return flat;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> flat) {
        if (value instanceof Map<?, ?> map) {
            map.forEach(
                    (key, child) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, child, flat));
        } else {
            flat.put(prefix, value);
        }
    }

    /** The environment variable Spring Boot binds to a property: upper case, dots and dashes as underscores. */
    private static String envName(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static Map<String, Object> yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(100);
            return new Yaml(options).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
