package org.village.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.IndexKey;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A count of one field's value is answered from that field's index, and gives what counting the matching
 * documents gives, through inserts, updates and deletes, with skip and limit, on either backend; any other count
 * is left to the server.
 */
class IndexedCountTest {

    @TempDir
    Path dir;

    @Test
    void aCountOfOneIndexedValueIsWhatCountingTheDocumentsGivesThroughEveryChange() {
        for (MongoStandIn each : List.of(MongoStandIn.inMemory(), MongoStandIn.inFile(dir.resolve("a.mv"), 0))) {
            try (MongoStandIn standIn = each;
                    MongoClient client = MongoClients.create(standIn.connectionString())) {
                MongoCollection<Document> indexed = client.getDatabase("test").getCollection("indexed");
                MongoCollection<Document> plain = client.getDatabase("test").getCollection("plain");
                indexed.createIndex(Indexes.ascending("unreadBy"));
                for (int i = 0; i < 200; i++) {
                    Document doc = new Document("_id", "n-" + i)
                            .append("unreadBy", "user-" + (i % 3))
                            .append("tags", List.of("t-" + (i % 2), "t-" + (i % 2)));
                    indexed.insertOne(doc);
                    plain.insertOne(new Document(doc));
                }
                assertSameCounts(indexed, plain);
                for (int i = 0; i < 200; i += 7) {
                    Bson one = Filters.eq("_id", "n-" + i);
                    indexed.updateOne(one, Updates.set("unreadBy", null));
                    plain.updateOne(one, Updates.set("unreadBy", null));
                }
                indexed.deleteMany(Filters.eq("unreadBy", "user-2"));
                plain.deleteMany(Filters.eq("unreadBy", "user-2"));
                indexed.updateOne(Filters.eq("_id", "n-1"), Updates.set("unreadBy", "user-0"));
                plain.updateOne(Filters.eq("_id", "n-1"), Updates.set("unreadBy", "user-0"));
                assertSameCounts(indexed, plain);
            }
        }
    }

    private static void assertSameCounts(MongoCollection<Document> indexed, MongoCollection<Document> plain) {
        for (String user : List.of("user-0", "user-1", "user-2", "nobody")) {
            Bson filter = Filters.eq("unreadBy", user);
            long truth = plain.countDocuments(filter);
            assertThat(indexed.countDocuments(filter)).as(user).isEqualTo(truth);
            assertThat(indexed.countDocuments(filter, new CountOptions().skip(5).limit(20)))
                    .as(user + " skipping 5, at most 20")
                    .isEqualTo(Math.min(20, Math.max(0, truth - 5)));
        }
        assertThat(indexed.countDocuments(Filters.eq("tags", "t-0")))
                .isEqualTo(plain.countDocuments(Filters.eq("tags", "t-0")));
        assertThat(indexed.countDocuments(Filters.eq("unreadBy", null)))
                .isEqualTo(plain.countDocuments(Filters.eq("unreadBy", null)));
    }

    @Test
    void onlyAnEqualityOnAFieldIndexedAloneIsAnsweredFromTheIndex() {
        var collection =
                new IndexedBackends.Memory().openOrCreateDatabase("test").createCollectionOrThrowIfExists("n");
        collection.addIndex(new SecondaryIndex<>("unreadBy_1", List.of(new IndexKey("unreadBy", true)), false));
        for (int i = 0; i < 5; i++) {
            collection.addDocument(doc("_id", "n-" + i, "unreadBy", "avery", "kind", "CASE_ASSIGNED"));
        }

        assertThat(IndexedCount.answer("count", count(doc("unreadBy", "avery")), name -> collection))
                .hasValueSatisfying(answer -> assertThat(answer.get("n")).isEqualTo(5L));
        assertThat(IndexedCount.answer("count", count(doc("unreadBy", doc("$eq", "avery"))), name -> collection))
                .hasValueSatisfying(answer -> assertThat(answer.get("n")).isEqualTo(5L));
        // two conditions, a field without an index of its own, null (which also matches a missing field), a find
        assertThat(IndexedCount.answer("count", count(doc("unreadBy", "avery", "kind", "X")), name -> collection))
                .isEmpty();
        assertThat(IndexedCount.answer("count", count(doc("kind", "X")), name -> collection))
                .isEmpty();
        assertThat(IndexedCount.answer("count", count(doc("unreadBy", null)), name -> collection))
                .isEmpty();
        assertThat(IndexedCount.answer("find", count(doc("unreadBy", "avery")), name -> collection))
                .isEmpty();
    }

    private static de.bwaldvogel.mongo.bson.Document count(de.bwaldvogel.mongo.bson.Document filter) {
        return doc("count", "n", "query", filter);
    }

    /** A document of mongo-java-server's own kind, from keys and values in turn. */
    private static de.bwaldvogel.mongo.bson.Document doc(Object... keysAndValues) {
        de.bwaldvogel.mongo.bson.Document doc = new de.bwaldvogel.mongo.bson.Document();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            doc.append((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return doc;
    }
}
