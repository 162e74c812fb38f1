package org.village.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.village.standin.MongoStandIn;

/**
 * A MongoDB wire-protocol server (Village's stand-in, {@link MongoStandIn}) keeping its data in an H2 file, in its
 * own JVM.
 *
 * <p>Arguments: data file, port.
 */
public final class MongoNode {

    private MongoNode() {}

    public static void main(String[] args) throws InterruptedException {
        Nodes.run(MongoNode::serve, args);
    }

    private static void serve(String[] args) throws IOException, InterruptedException {
        Path file = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        int port = Integer.parseInt(args[1]);
        MongoStandIn server = MongoStandIn.inFile(file, port);
        System.out.println("MongoDB wire protocol on 127.0.0.1:" + port + ", data in " + file);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "mongo-node-stop"));
        stopped.await();
    }
}
