package org.village.devstack;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;

/**
 * A single-node Kafka (KRaft: broker and controller in one) from the Apache Kafka jars, in its own JVM.
 * Its log directory is formatted on first start and kept, so topics and offsets survive a restart.
 *
 * <p>Arguments: data directory, client port, controller port.
 */
public final class KafkaNode {

    private KafkaNode() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        Path config = dir.resolve("server.properties");
        Properties properties = new Properties();
        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", "1");
        properties.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.setProperty(
                "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.setProperty("controller.listener.names", "CONTROLLER");
        properties.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.setProperty("inter.broker.listener.name", "PLAINTEXT");
        properties.setProperty("log.dirs", logs.toString());
        properties.setProperty("num.partitions", "3");
        properties.setProperty("offsets.topic.replication.factor", "1");
        properties.setProperty("offsets.topic.num.partitions", "3");
        properties.setProperty("transaction.state.log.replication.factor", "1");
        properties.setProperty("transaction.state.log.min.isr", "1");
        properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
        properties.setProperty("share.coordinator.state.topic.min.isr", "1");
        properties.setProperty("group.initial.rebalance.delay.ms", "0");
        try (Writer out = Files.newBufferedWriter(config)) {
            properties.store(out, "Village devstack Kafka node");
        }
        if (!Files.exists(logs.resolve("meta.properties"))) {
            int formatted = kafka.tools.StorageTool.execute(
                    new String[] {
                        "format", "--config", config.toString(), "--cluster-id", clusterId(), "--ignore-formatted"
                    },
                    System.out);
            if (formatted != 0) {
                System.err.println("Formatting the Kafka log directory " + logs + " failed");
                System.exit(formatted);
            }
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    /**
     * A KRaft cluster id: 16 random bytes, base64url without padding, never starting with '-' (the storage tool
     * would read such an id as an option and refuse to format; one id in 64 would).
     */
    static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16);
            bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }
}
