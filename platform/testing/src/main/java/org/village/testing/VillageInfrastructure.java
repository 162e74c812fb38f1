package org.village.testing;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.village.standin.MongoStandIn;

/**
 * Starts, once per JVM, a real Kafka broker and a MongoDB endpoint for tests: containers when Docker is
 * available, otherwise an in-JVM KRaft broker and mongo-java-server's in-memory backend. Either way the
 * tests run against the real wire protocols; nothing is mocked.
 */
public final class VillageInfrastructure {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String MONGO_IMAGE = "mongo:8.0";
    private static final int DEFAULT_PARTITIONS = 3;

    private static final Logger log = LoggerFactory.getLogger(VillageInfrastructure.class);
    private static @Nullable Infrastructure running;

    private VillageInfrastructure() {}

    /** The shared infrastructure, started on first use and stopped when the JVM exits. */
    public static synchronized Infrastructure get() {
        if (running == null) {
            running = dockerAvailable() ? containersOrEmbedded() : embedded();
            log.info(
                    "Test infrastructure: {} (Kafka {}, MongoDB {})",
                    running.description(),
                    running.kafkaBootstrapServers(),
                    running.mongoUri());
            System.out.println("[village-testing] infrastructure: " + running.description());
        }
        return running;
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("village.testing.embedded")) {
            log.info("Docker not used: village.testing.embedded is set");
            return false;
        }
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return true;
            }
            log.info("Docker is not available: running on the embedded KRaft broker and mongo-java-server");
        } catch (RuntimeException | LinkageError e) {
            log.info(
                    "Docker is not available ({}): running on the embedded KRaft broker and mongo-java-server",
                    e.getMessage());
        }
        return false;
    }

    /** Containers need their images; where they cannot be pulled, the tests still run, on the embedded pair. */
    private static Infrastructure containersOrEmbedded() {
        try {
            return containers();
        } catch (RuntimeException e) {
            log.warn(
                    "Docker is available but the containers did not start ({}): running on the embedded KRaft "
                            + "broker and mongo-java-server",
                    e.getMessage());
            return embedded();
        }
    }

    private static Infrastructure containers() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE);
        kafka.start();
        mongo.start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            kafka.stop();
                            mongo.stop();
                        },
                        "village-testcontainers-stop"));
        return new Infrastructure(
                kafka.getBootstrapServers(),
                mongo.getConnectionString(),
                "Testcontainers (" + KAFKA_IMAGE + ", " + MONGO_IMAGE + ")");
    }

    private static Infrastructure embedded() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
        kafka.afterPropertiesSet();
        MongoStandIn mongo = MongoStandIn.inMemory();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            mongo.close();
                            kafka.destroy();
                        },
                        "village-embedded-stop"));
        return new Infrastructure(
                kafka.getBrokersAsString(),
                mongo.connectionString(),
                "embedded KRaft broker (kafka jars) and mongo-java-server (memory backend)");
    }
}
