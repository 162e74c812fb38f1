package org.village.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in applies each write to a document at once, for every client: concurrent updates from several
 * clients (as several instances of a service would be) lose nothing, and no reader sees one half done.
 */
class AtomicWritesTest {

    private static final int CLIENTS = 4;
    private static final int WRITES = 300;
    private static final int FIELDS = 60;

    @TempDir
    Path dir;

    /** The stand-in as the tests run it (memory) and as the local stack does (an H2 file). */
    private List<MongoStandIn> standIns() {
        return List.of(MongoStandIn.inMemory(), MongoStandIn.inFile(dir.resolve("standin.mv"), 0));
    }

    @Test
    void concurrentWritesFromSeveralClientsLoseNothingAndNoReaderSeesOneHalfDone() throws Exception {
        for (MongoStandIn each : standIns()) {
            concurrentWrites(each);
        }
    }

    private void concurrentWrites(MongoStandIn fresh) throws Exception {
        try (MongoStandIn standIn = fresh) {
            List<MongoClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS + 1; i++) {
                clients.add(MongoClients.create(standIn.connectionString()));
            }
            try {
                MongoCollection<Document> setup = collection(clients.get(0));
                Document initial =
                        new Document("_id", "case-1").append("version", 0).append("log", new ArrayList<>());
                for (int f = 0; f < FIELDS; f++) {
                    initial.append("f" + f, 0);
                }
                setup.insertOne(initial);
                ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);
                CountDownLatch start = new CountDownLatch(1);
                AtomicBoolean writing = new AtomicBoolean(true);
                ConcurrentLinkedQueue<String> halfDone = new ConcurrentLinkedQueue<>();
                List<Future<?>> writers = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    MongoCollection<Document> mine = collection(clients.get(c));
                    int client = c;
                    writers.add(threads.submit(() -> {
                        start.await();
                        for (int i = 0; i < WRITES; i++) {
                            // a versioned change: the version, many fields that always move together, a log entry
                            List<org.bson.conversions.Bson> change = new ArrayList<>();
                            change.add(Updates.inc("version", 1));
                            for (int f = 0; f < FIELDS; f++) {
                                change.add(Updates.inc("f" + f, 1));
                            }
                            change.add(Updates.push("log", client + ":" + i));
                            mine.updateOne(Filters.eq("_id", "case-1"), Updates.combine(change));
                        }
                        return null;
                    }));
                }
                MongoCollection<Document> reader = collection(clients.get(CLIENTS));
                Future<?> reading = threads.submit(() -> {
                    start.await();
                    while (writing.get()) {
                        Document seen = reader.find(Filters.eq("_id", "case-1")).first();
                        int version = seen.getInteger("version");
                        boolean whole =
                                version == seen.getList("log", String.class).size();
                        for (int f = 0; f < FIELDS; f++) {
                            whole &= version == seen.getInteger("f" + f);
                        }
                        if (!whole) {
                            halfDone.add(seen.toJson());
                        }
                    }
                    return null;
                });
                start.countDown();
                for (Future<?> writer : writers) {
                    writer.get(2, TimeUnit.MINUTES);
                }
                writing.set(false);
                reading.get(1, TimeUnit.MINUTES);
                threads.shutdown();

                Document last = setup.find(Filters.eq("_id", "case-1")).first();
                assertThat(last.getInteger("version")).isEqualTo(CLIENTS * WRITES);
                assertThat(last.getInteger("f" + (FIELDS - 1))).isEqualTo(CLIENTS * WRITES);
                assertThat(last.getList("log", String.class)).hasSize(CLIENTS * WRITES);
                assertThat(halfDone).as("documents read half updated").isEmpty();
            } finally {
                clients.forEach(MongoClient::close);
            }
        }
    }

    @Test
    void compareAndSetFromSeveralClientsLetsExactlyOneWinEachVersion() throws Exception {
        for (MongoStandIn each : standIns()) {
            compareAndSet(each);
        }
    }

    private void compareAndSet(MongoStandIn fresh) throws Exception {
        try (MongoStandIn standIn = fresh) {
            List<MongoClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(MongoClients.create(standIn.connectionString()));
            }
            try {
                collection(clients.get(0))
                        .insertOne(new Document("_id", "shelter-1")
                                .append("version", 0)
                                .append("held", 0));
                ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> wins = new ArrayList<>();
                for (MongoClient client : clients) {
                    MongoCollection<Document> mine = collection(client);
                    wins.add(threads.submit(() -> {
                        start.await();
                        int won = 0;
                        for (int i = 0; i < WRITES; i++) {
                            Document seen =
                                    mine.find(Filters.eq("_id", "shelter-1")).first();
                            int version = seen.getInteger("version");
                            won += (int) mine.updateOne(
                                            Filters.and(Filters.eq("_id", "shelter-1"), Filters.eq("version", version)),
                                            Updates.combine(
                                                    Updates.set("version", version + 1), Updates.inc("held", 1)))
                                    .getModifiedCount();
                        }
                        return won;
                    }));
                }
                start.countDown();
                int total = 0;
                for (Future<Integer> won : wins) {
                    total += won.get(2, TimeUnit.MINUTES);
                }
                threads.shutdown();
                Document last = collection(clients.get(0))
                        .find(Filters.eq("_id", "shelter-1"))
                        .first();
                assertThat(last.getInteger("version")).isEqualTo(total);
                assertThat(last.getInteger("held")).isEqualTo(total);
            } finally {
                clients.forEach(MongoClient::close);
            }
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("standin").getCollection("documents");
    }
}
