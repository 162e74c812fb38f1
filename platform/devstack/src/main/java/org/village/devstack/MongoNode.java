package org.village.devstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB wire-protocol server (mongo-java-server) keeping its data in an H2 file, in its own JVM.
 *
 * <p>Arguments: data file, port.
 */
public final class MongoNode {

    private MongoNode() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path file = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(file.getParent());
        int port = Integer.parseInt(args[1]);
        H2Backend backend = new H2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        System.out.println("MongoDB wire protocol on 127.0.0.1:" + port + ", data in " + file);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.shutdown();
                            backend.close();
                            stopped.countDown();
                        },
                        "mongo-node-stop"));
        stopped.await();
    }
}
