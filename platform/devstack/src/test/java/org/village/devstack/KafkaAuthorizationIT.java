package org.village.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.boot.mongodb.autoconfigure.PropertiesMongoConnectionDetails;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;
import org.village.events.TopicAccess;
import org.village.events.Topics;
import org.village.messaging.KafkaCredentials;
import org.village.messaging.MongoCredentials;
import org.village.security.sealing.SealingAutoConfiguration;
import org.village.security.sealing.SealingProperties;
import org.village.testing.TestCertificates;

/**
 * Security review finding: Kafka had no authorization, so any service's credentials could produce to any topic
 * (a forged case.advocate-assigned granted an account the full view of a survivor). This starts the
 * production form's broker configuration (compose/kafka/server.properties: SASL_SSL with SCRAM, StandardAuthorizer)
 * on the in-JVM broker, applies {@link TopicAccess}'s rules as compose's start script does, and shows each service
 * held to its own topic.
 */
class KafkaAuthorizationIT {

    private static final Path COMPOSE = StackConfig.findRepository().resolve("platform/devstack/compose/kafka");
    private static final Map<String, String> PASSWORDS = new HashMap<>();
    private static final String HOSTILE = " +/,\"@:\\]";
    private static Path dir;
    private static Path truststore;
    private static int port;
    private static kafka.server.KafkaRaftServer broker;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("village-kafka-acl");
        port = freePort();
        int controller = freePort();
        TestCertificates tls = TestCertificates.create(dir);
        Path keystore = tls.keyAndCertificate();
        truststore = tls.certificate();
        // the admin's password reaches the broker through compose's start script: any character but a comma
        PASSWORDS.put("admin", "pw-" + UUID.randomUUID() + HOSTILE.replace(",", ""));
        for (TopicAccess service : TopicAccess.values()) {
            // a password with every character that broke a connection string, a JAAS line or a list
            PASSWORDS.put(service.principal(), "pw-" + UUID.randomUUID() + HOSTILE);
        }
        String config = Files.readString(COMPOSE.resolve("server.properties"))
                .replace("@CONTROLLER_PORT@", String.valueOf(controller))
                .replace("@PORT@", String.valueOf(port))
                .replace("@HOST@", "localhost")
                .replace("@KEYSTORE@", keystore.toString())
                .replace("@TRUSTSTORE@", truststore.toString())
                .replace("@LOG_DIRS@", dir.resolve("logs").toString())
                // as start.sh's jaas_value: escaped for the JAAS line, then for the .properties file
                .replace(
                        "@ADMIN_PASSWORD@",
                        PASSWORDS
                                .get("admin")
                                .replace("\\", "\\\\")
                                .replace("\"", "\\\"")
                                .replace("\\", "\\\\"));
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, config);
        int formatted = kafka.tools.StorageTool.execute(
                new String[] {
                    "format",
                    "--config",
                    properties.toString(),
                    "--cluster-id",
                    "villageAclTestCluster0",
                    "--add-scram",
                    "SCRAM-SHA-512=[name=admin,password=\"" + PASSWORDS.get("admin") + "\"]" // as start.sh
                },
                System.out);
        assertThat(formatted).isZero();
        Properties loaded = new Properties();
        try (var reader = Files.newBufferedReader(properties)) {
            loaded.load(reader);
        }
        broker = new kafka.server.KafkaRaftServer(kafka.server.KafkaConfig.fromProps(loaded), Time.SYSTEM);
        broker.startup();

        try (Admin admin = Admin.create(client("admin"))) {
            List<UserScramCredentialUpsertion> users = new ArrayList<>();
            for (TopicAccess service : TopicAccess.values()) {
                users.add(new UserScramCredentialUpsertion(
                        service.principal(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                        PASSWORDS.get(service.principal())));
            }
            admin.alterUserScramCredentials(new ArrayList<>(users)).all().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : Topics.all()) {
                topics.add(new NewTopic(topic, 1, (short) 1));
                topics.add(new NewTopic(Topics.deadLetter(topic), 1, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(bindings()).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.shutdown();
            broker.awaitShutdown();
        }
    }

    @Test
    void notificationServicesCredentialsCannotProduceToCaseEvents() {
        try (KafkaProducer<String, String> notification = producer("notification")) {
            assertThatThrownBy(() -> notification
                            .send(new ProducerRecord<>(
                                    Topics.CASE_EVENTS, "case-1", "{\"type\":\"case.advocate-assigned.v1\"}"))
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void reportingServicesCredentialsProduceToNoTopicButReadThemAll() throws Exception {
        try (KafkaProducer<String, String> reporting = producer("reporting")) {
            for (String topic : Topics.all()) {
                assertThatThrownBy(() -> reporting
                                .send(new ProducerRecord<>(topic, "k", "{}"))
                                .get(30, TimeUnit.SECONDS))
                        .as(topic)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
        }
        try (KafkaProducer<String, String> referral = producer("referral")) {
            referral.send(new ProducerRecord<>(Topics.REFERRAL_EVENTS, "r-1", "counted"))
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> reporting = consumer("reporting", "reporting-service")) {
            reporting.subscribe(List.of(Topics.REFERRAL_EVENTS));
            List<String> read = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!read.contains("counted") && System.nanoTime() < deadline) {
                reporting.poll(Duration.ofMillis(500)).forEach(record -> read.add(record.value()));
            }
            assertThat(read).contains("counted");
        }
    }

    @Test
    void eachServiceProducesToItsOwnTopicAndReadsWhatItConsumes() throws Exception {
        try (KafkaProducer<String, String> caseService = producer("case")) {
            caseService
                    .send(new ProducerRecord<>(Topics.CASE_EVENTS, "case-2", "opened"))
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> intake = producer("intake")) {
            assertThatThrownBy(() -> intake.send(new ProducerRecord<>(Topics.REFERRAL_EVENTS, "r", "x"))
                            .get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            intake.send(new ProducerRecord<>(Topics.deadLetter(Topics.CASE_EVENTS), "case-2", "gave up"))
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> intake = consumer("intake", "intake-service")) {
            intake.subscribe(List.of(Topics.CASE_EVENTS));
            List<String> read = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.isEmpty() && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = intake.poll(Duration.ofMillis(500));
                records.forEach(record -> read.add(record.value()));
            }
            assertThat(read).contains("opened");
        }
        try (KafkaConsumer<String, String> intake = consumer("intake", "intake-service")) {
            intake.subscribe(List.of(Topics.REFERRAL_EVENTS));
            assertThatThrownBy(() -> pollUntilRefused(intake)).isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> intake = consumer("intake", "case-service")) {
            intake.subscribe(List.of(Topics.CASE_EVENTS));
            assertThatThrownBy(() -> pollUntilRefused(intake)).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    /**
     * Security review finding: passwords were pasted into JAAS lines and MongoDB connection strings, so a
     * generated or chosen password holding one of {@code " \ + / , @ :} broke the first start. Each app's
     * production settings (its {@code docker} profile, the secrets read from files as in the compose form) now
     * sign in to the production broker with such a password, and give the MongoDB driver the exact passwords.
     * The MongoDB stand-in has no authentication, so for MongoDB the credential the driver will send is checked.
     */
    @Test
    void eachAppSignsInWithAHostilePasswordThroughItsProductionSettings(@TempDir Path secrets) throws Exception {
        for (TopicAccess service : TopicAccess.values()) {
            String name = service.principal();
            String mongoPassword = "mongo-" + name + HOSTILE;
            String keysPassword = "keys-" + name + HOSTILE;
            Path files = Files.createDirectories(secrets.resolve(name));
            Files.writeString(files.resolve("village.kafka.password"), PASSWORDS.get(name));
            Files.writeString(files.resolve("village.mongodb.password"), mongoPassword);
            Files.writeString(files.resolve("village.keys.mongodb.password"), keysPassword);
            ConfigurableEnvironment settings = productionSettings(name, files);
            Binder binder = Binder.get(settings);
            // its consumers are static members under the container's (or pod's) host name
            assertThat(settings.getProperty("village.messaging.instance-id"))
                    .isEqualTo(System.getenv().getOrDefault("HOSTNAME", ""));

            Map<String, Object> kafka =
                    new HashMap<>(binder.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
                            .get());
            kafka.put("security.protocol", settings.getProperty("spring.kafka.security.protocol"));
            kafka.put("bootstrap.servers", "localhost:" + port); // the compose form's host is 'kafka'
            kafka.put("ssl.truststore.type", "PEM");
            kafka.put("ssl.truststore.location", truststore.toString());
            try (Admin admin = Admin.create(kafka)) {
                assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                        .as(name + " signed in")
                        .isEqualTo("villageAclTestCluster0");
            }

            // as Spring Boot builds the client's settings: the address, then the customizers
            MongoProperties mongo =
                    binder.bind("spring.mongodb", MongoProperties.class).get();
            ConnectionString connection = new PropertiesMongoConnectionDetails(mongo, null).getConnectionString();
            MongoClientSettings.Builder client = MongoClientSettings.builder().applyConnectionString(connection);
            new MongoCredentials(settings).customize(client);
            MongoCredential credential = client.build().getCredential();
            assertThat(credential).as(name).isNotNull();
            assertThat(credential.getUserName()).isEqualTo(name);
            assertThat(credential.getSource()).isEqualTo(name);
            assertThat(new String(credential.getPassword())).isEqualTo(mongoPassword);
            assertThat(connection.getHosts()).containsExactly("mongo:27017");
            assertThat(connection.getRequiredReplicaSetName()).isEqualTo("rs0");

            SealingProperties sealing = binder.bind("village.security.sealing", SealingProperties.class)
                    .orElse(null);
            if (sealing != null && sealing.keyStore().uri() != null) {
                MongoCredential keys = SealingAutoConfiguration.keyStoreCredential(sealing.keyStore(), name + "_keys");
                assertThat(keys).as(name + "'s key database").isNotNull();
                assertThat(keys.getUserName()).isEqualTo(name + "_keys");
                assertThat(new String(keys.getPassword())).isEqualTo(keysPassword);
                assertThat(new ConnectionString(sealing.keyStore().uri()).getCredential())
                        .as("no password in the key database's address")
                        .isNull();
            }
        }
    }

    /** An app's settings as it starts in the compose form: its application.yml, the docker profile, secret files. */
    private static ConfigurableEnvironment productionSettings(String service, Path secrets) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "start",
                        Map.of(
                                "spring.config.location",
                                "file:"
                                        + StackConfig.findRepository()
                                                .resolve("services/" + service + "/src/main/resources/application.yml"),
                                "spring.config.import",
                                "configtree:" + secrets + "/")));
        ConfigDataEnvironmentPostProcessor.applyTo(
                environment, new DefaultResourceLoader(), new DefaultBootstrapContext(), List.of("docker"));
        new KafkaCredentials().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void composesStartScriptRefusesAKafkaPasswordWithACommaInOneSentence(@TempDir Path secrets) throws Exception {
        for (String name : List.of(
                "kafka_admin_password",
                "intake_kafka_password",
                "case_kafka_password",
                "referral_kafka_password",
                "notification_kafka_password",
                "reporting_kafka_password")) {
            Files.writeString(secrets.resolve(name), name.startsWith("case") ? "one,two" : "fine-" + name);
        }
        ProcessBuilder start =
                new ProcessBuilder("bash", COMPOSE.resolve("start.sh").toString()).redirectErrorStream(true);
        start.environment().put("VILLAGE_SECRETS", secrets.toString());
        Process refused = start.start();
        String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(refused.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(1);
        assertThat(output.strip())
                .isEqualTo("The secret case_kafka_password holds a comma, which Kafka's tools cannot read in a "
                        + "SCRAM password: choose one without (./village secrets makes them from letters, digits, "
                        + "- and _).");
    }

    @Test
    void composesStartScriptAppliesExactlyTheseRules() throws IOException {
        List<String> scripted = Files.readAllLines(COMPOSE.resolve("start.sh")).stream()
                .filter(line -> line.startsWith("acl User:"))
                .toList();
        assertThat(scripted)
                .containsExactlyElementsOf(
                        TopicAccess.rules().stream().map(TopicAccess.Rule::line).toList());
    }

    private static void pollUntilRefused(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500));
        }
    }

    private static List<AclBinding> bindings() {
        List<AclBinding> bindings = new ArrayList<>();
        for (TopicAccess.Rule rule : TopicAccess.rules()) {
            ResourcePattern resource = new ResourcePattern(
                    rule.resource().equals("topic") ? ResourceType.TOPIC : ResourceType.GROUP,
                    rule.name(),
                    PatternType.valueOf(rule.patternType()));
            for (String operation : rule.operations()) {
                bindings.add(new AclBinding(
                        resource,
                        new AccessControlEntry(
                                "User:" + rule.principal(),
                                "*",
                                AclOperation.fromString(operation),
                                AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    private static Properties client(String user) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", "localhost:" + port);
        properties.put("security.protocol", "SASL_SSL");
        properties.put("sasl.mechanism", "SCRAM-SHA-512");
        properties.put("sasl.jaas.config", KafkaCredentials.jaas(user, PASSWORDS.get(user)));
        properties.put("ssl.truststore.type", "PEM");
        properties.put("ssl.truststore.location", truststore.toString());
        return properties;
    }

    private static KafkaProducer<String, String> producer(String user) {
        Properties properties = client(user);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String user, String group) {
        Properties properties = client(user);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
