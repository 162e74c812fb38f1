package org.village.standin;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place Village starts its MongoDB stand-in (mongo-java-server), for the tests (memory) and the local
 * stack (an H2 file): wherever the stand-in differs from MongoDB in a way the services would notice, it is made
 * to behave like MongoDB here ({@link AtomicBackend}: each write applies to a document at once;
 * {@link SecondaryIndex}: a non-unique index is used), not in every service.
 */
public final class MongoStandIn implements AutoCloseable {

    private final MongoServer server;
    private final MongoBackend backend;
    private final InetSocketAddress address;

    private MongoStandIn(MongoBackend backend, String host, int port) {
        this.backend = backend;
        this.server = new MongoServer(new AtomicBackend(backend));
        try {
            if (port == 0) {
                server.bind(new InetSocketAddress(host, 0));
            } else {
                server.bind(host, port);
            }
        } catch (Exception e) { // netty throws the BindException undeclared
            // a port in use: without this, the server's threads would keep the process alive, serving nothing
            server.shutdownNow();
            backend.close();
            throw e;
        }
        this.address = server.getLocalAddress();
    }

    /** A stand-in holding its data in memory, on a free port of the loopback address. */
    public static MongoStandIn inMemory() {
        return new MongoStandIn(new IndexedBackends.Memory(), "127.0.0.1", 0);
    }

    /** A stand-in keeping its data in an H2 file, on {@code port} (0: a free one) of the loopback address. */
    public static MongoStandIn inFile(Path file, int port) {
        return new MongoStandIn(new IndexedBackends.H2(file.toString()), "127.0.0.1", port);
    }

    /** The indexes a collection is served with, by their kind (for the tests). */
    List<String> indexKinds(String database, String collection) {
        return ((AbstractMongoCollection<?>) backend.resolveDatabase(database).resolveCollection(collection, true))
                .getIndexes().stream()
                        .map(index -> index.getClass().getSimpleName())
                        .toList();
    }

    /** How many documents a collection's queries have examined so far (for the tests). */
    long examined(String database, String collection) {
        return ((QueryPlanner.Reads<?>) backend.resolveDatabase(database).resolveCollection(collection, true))
                .examined();
    }

    public int port() {
        return address.getPort();
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port();
    }

    /** Stops serving at once and closes the data. */
    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
