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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 file's background writer stores documents while updates change them: a stored document is never
 * changed in place (mongo-java-server changes the document it read field by field, which the writer, encoding
 * the same object meanwhile, found changing under it: the store closed itself and every command failed).
 */
class H2WriterRaceTest {

    @TempDir
    Path dir;

    @Test
    void aStoredDocumentIsNeverTheOneHandedOut() {
        IndexedBackends.H2 backend =
                new IndexedBackends.H2(dir.resolve("copies.mv").toString());
        try {
            IndexedBackends.PlannedH2Collection cases = (IndexedBackends.PlannedH2Collection)
                    backend.resolveDatabase("test").createCollectionOrThrowIfExists("cases");
            cases.addDocument(new de.bwaldvogel.mongo.bson.Document("_id", "c-1").append("n", 1));
            de.bwaldvogel.mongo.bson.Document read = cases.document("c-1");
            assertThat(cases.document("c-1")).isNotSameAs(read).isEqualTo(read);
            read.put("n", 2); // as an update changes what it read, before it stores the result
            assertThat(cases.document("c-1").get("n")).isEqualTo(1);
        } finally {
            backend.close();
        }
    }

    @Test
    void updatesWhileTheFileIsWrittenLeaveTheStoreWorking() throws Exception {
        try (MongoStandIn standIn = MongoStandIn.inFile(dir.resolve("race.mv"), 0);
                MongoClient client = MongoClients.create(standIn.connectionString())) {
            MongoCollection<Document> cases = client.getDatabase("test").getCollection("cases");
            for (int i = 0; i < 20; i++) {
                List<Document> timeline = new ArrayList<>();
                for (int t = 0; t < 200; t++) {
                    timeline.add(new Document("at", t).append("summary", "entry " + t + " of case " + i));
                }
                cases.insertOne(new Document("_id", "case-" + i).append("n", 0).append("timeline", timeline));
            }
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            long until = System.nanoTime() + 3_000_000_000L;
            for (int w = 0; w < 4; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int k = 0; System.nanoTime() < until; k++) {
                        String id = "case-" + ((k + writer * 5) % 20);
                        cases.updateOne(
                                Filters.eq("_id", id),
                                Updates.combine(
                                        Updates.inc("n", 1),
                                        Updates.set("field-" + (k % 30), "value " + k),
                                        Updates.pushEach(
                                                "timeline",
                                                List.of(new Document("at", k).append("summary", "more")),
                                                new com.mongodb.client.model.PushOptions().slice(-200))));
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
            writers.shutdown();
            long total = 0;
            for (Document doc : cases.find()) {
                total += doc.getInteger("n");
            }
            assertThat(total).isPositive();
            cases.insertOne(new Document("_id", "after"));
            assertThat(cases.countDocuments()).isEqualTo(21);
        }
    }
}
