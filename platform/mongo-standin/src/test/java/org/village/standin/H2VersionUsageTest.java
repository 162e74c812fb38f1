package org.village.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2 frees a chunk of its file once no version still in use needs it; a command reading the documents is such a
 * use for as long as it reads. Without saying so (its reads were not registered), a scan that took a few commits
 * under load read pages from chunks compacted away meanwhile: "Chunk … not found", and the command failed (seen
 * after twenty minutes of seeding, where chunks are old enough to be freed at once).
 */
class H2VersionUsageTest {

    @TempDir
    Path dir;

    @Test
    void aScanWhileTheFileIsCompactedReadsEveryDocument() throws Exception {
        IndexedBackends.H2 backend =
                new IndexedBackends.H2(dir.resolve("compacted.mv").toString());
        MVStore store = backend.getMvStore();
        // as in a long run: every chunk is older than the retention time, so a dead one is freed at once
        store.setRetentionTime(0);
        store.setVersionsToKeep(0); // (as H2 runs its own databases) no margin of versions kept besides
        // and the file far larger than the page cache, so that a scan reads its pages from the file
        store.setCacheSize(256);
        // H2's background writer's work (commit, compact) done by the writer below, at a pace that shows the race
        store.setAutoCommitDelay(0);
        MongoServer server = new MongoServer(new AtomicBackend(backend));
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        InetSocketAddress address = server.getLocalAddress();
        int documents = 10_000;
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> items = client.getDatabase("test").getCollection("items");
            String payload = "x".repeat(1_000);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < documents; i++) {
                batch.add(new Document("_id", "item-" + i)
                        .append("half", i % 2)
                        .append("n", 0)
                        .append("payload", payload + i));
                if (batch.size() == 500) {
                    items.insertMany(batch);
                    batch = new ArrayList<>();
                    store.commit();
                }
            }

            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            // another collection's writes (its lock is not the scanned one's) make new versions of the same file
            MongoCollection<Document> others = client.getDatabase("test").getCollection("others");
            Future<?> writer = threads.submit(() -> {
                for (int k = 0; writing.get(); k++) {
                    others.updateOne(
                            Filters.eq("_id", "other-" + (k % 100)),
                            Updates.inc("n", 1),
                            new com.mongodb.client.model.UpdateOptions().upsert(true));
                    store.commit();
                    if (k % 10 == 0) {
                        store.compact(95, 16 * 1024 * 1024);
                    }
                }
                return null;
            });
            List<Integer> seen = new ArrayList<>();
            try {
                for (int scan = 0; scan < 15; scan++) {
                    // every other document changed: the chunks holding the collection are half dead, to be compacted
                    items.updateMany(Filters.eq("half", scan % 2), Updates.inc("n", 1));
                    // no index on "payload": every document is read
                    seen.add(items.find(Filters.regex("payload", "^x"))
                            .into(new ArrayList<>())
                            .size());
                }
            } finally {
                writing.set(false);
                writer.get();
                threads.shutdown();
            }
            assertThat(seen).hasSize(15).containsOnly(documents);
        } finally {
            server.shutdownNow();
            backend.close();
        }
    }
}
