package org.village.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.IndexKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in's non-unique indexes answer every query shape the services use exactly as a full scan does (the
 * server still matches each document the index gives against the whole query), keep up with inserts, updates
 * and deletes, and are built again when an H2 file is opened again; and an index is asked only for the queries it
 * can narrow.
 */
class SecondaryIndexTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void indexedQueriesFindWhatAScanFindsOnEitherBackendThroughEveryChange() {
        for (MongoStandIn each : List.of(MongoStandIn.inMemory(), MongoStandIn.inFile(dir.resolve("a.mv"), 0))) {
            try (MongoStandIn standIn = each;
                    MongoClient client = MongoClients.create(standIn.connectionString())) {
                MongoCollection<Document> indexed = client.getDatabase("test").getCollection("indexed");
                MongoCollection<Document> plain = client.getDatabase("test").getCollection("plain");
                indexed.createIndex(
                        Indexes.compoundIndex(Indexes.ascending("recipient"), Indexes.descending("at", "_id")));
                indexed.createIndex(Indexes.ascending("dueAt"));
                indexed.createIndex(Indexes.ascending("tasks.assignee"));
                indexed.createIndex(Indexes.ascending("agencyId", "status"));
                // the four non-unique indexes are real ones, not the ones mongo-java-server ignores
                assertThat(standIn.indexKinds("test", "indexed"))
                        .filteredOn("SecondaryIndex"::equals)
                        .hasSize(4);
                for (int i = 0; i < 300; i++) {
                    Document doc = document(i);
                    indexed.insertOne(doc);
                    plain.insertOne(new Document(doc));
                }
                assertSame(indexed, plain);

                // changes move documents between the index's entries
                for (MongoCollection<Document> each2 : List.of(indexed, plain)) {
                    each2.updateMany(Filters.eq("recipient", "user-3"), Updates.set("recipient", "user-4"));
                    each2.updateMany(
                            Filters.lt("dueAt", Date.from(T0.plusSeconds(50 * 3_600))),
                            Updates.set("dueAt", Date.from(T0.plusSeconds(900 * 3_600))));
                    each2.updateOne(
                            Filters.eq("_id", "d-7"),
                            Updates.push("tasks", new Document("taskId", "t-x").append("assignee", "advocate.new")));
                    each2.updateOne(Filters.eq("_id", "d-8"), Updates.unset("recipient"));
                    each2.deleteMany(Filters.in("recipient", List.of("user-1", "user-2")));
                    // a change of fields no index holds, and a replacement
                    each2.updateMany(Filters.exists("_id"), Updates.set("note", "seen"));
                    each2.replaceOne(Filters.eq("_id", "d-9"), document(9).append("recipient", "user-0"));
                }
                assertSame(indexed, plain);
                assertThat(keysPerIndex(client, "indexed").values()).containsOnly(indexed.countDocuments());

                // every document gone: no entry is left, and a document stored again is found
                indexed.deleteMany(Filters.exists("_id"));
                assertThat(keysPerIndex(client, "indexed").values()).containsOnly(0L);
                indexed.insertOne(document(4));
                assertThat(ids(indexed.find(Filters.eq("recipient", "user-4")).sort(Sorts.descending("at", "_id"))))
                        .containsExactly("d-4");
            }
        }
    }

    @Test
    void anH2FileOpenedAgainHasItsIndexesBuiltAgain() {
        Path file = dir.resolve("again.mv");
        try (MongoStandIn standIn = MongoStandIn.inFile(file, 0);
                MongoClient client = MongoClients.create(standIn.connectionString())) {
            MongoCollection<Document> indexed = client.getDatabase("test").getCollection("indexed");
            indexed.createIndex(Indexes.ascending("recipient"));
            for (int i = 0; i < 50; i++) {
                indexed.insertOne(document(i));
            }
        }
        try (MongoStandIn standIn = MongoStandIn.inFile(file, 0);
                MongoClient client = MongoClients.create(standIn.connectionString())) {
            MongoCollection<Document> indexed = client.getDatabase("test").getCollection("indexed");
            // of 0..49, every fifth is user-2's, but 22 has no recipient (as every multiple of 11)
            assertThat(ids(indexed.find(Filters.eq("recipient", "user-2")))).hasSize(9);
            indexed.insertOne(document(50));
            assertThat(ids(indexed.find(Filters.eq("recipient", "user-0")))).hasSize(10);
        }
    }

    @Test
    void anIndexIsAskedOnlyForQueriesOnItsFirstKeyThatItCanNarrow() {
        SecondaryIndex<Integer> index = new SecondaryIndex<>(
                "recipient_1_at_-1", List.of(new IndexKey("recipient", true), new IndexKey("at", false)), false);
        assertThat(index.canHandle(doc(Map.of("recipient", "a")))).isTrue();
        assertThat(index.canHandle(doc(Map.of("recipient", "a", "unread", true))))
                .isTrue();
        assertThat(index.canHandle(doc(Map.of("recipient", doc(Map.of("$in", List.of("a", "b")))))))
                .isTrue();
        assertThat(index.canHandle(doc(Map.of("recipient", doc(Map.of("$gte", "a", "$ne", "c"))))))
                .isTrue();
        assertThat(index.canHandle(doc(Map.of("at", "a")))).isFalse();
        assertThat(index.canHandle(doc(Map.of("recipient", doc(Map.of("$ne", "a"))))))
                .isFalse();
        assertThat(index.canHandle(doc(Map.of("recipient", doc(Map.of("$exists", true))))))
                .isFalse();
        assertThat(index.canHandle(doc(Map.of("recipient", List.of("a"))))).isFalse();
        Map<String, Object> nothing = new java.util.HashMap<>();
        nothing.put("recipient", null);
        assertThat(index.canHandle(doc(nothing))).isFalse();
    }

    private static de.bwaldvogel.mongo.bson.Document doc(Map<String, Object> fields) {
        de.bwaldvogel.mongo.bson.Document doc = new de.bwaldvogel.mongo.bson.Document();
        fields.forEach((key, value) -> doc.put(key, value instanceof Map<?, ?> map ? doc(castMap(map)) : value));
        return doc;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Document document(int i) {
        List<Document> tasks = new ArrayList<>();
        tasks.add(new Document("taskId", "t-" + i).append("assignee", "advocate." + (i % 4)));
        if (i % 3 == 0) {
            tasks.add(new Document("taskId", "u-" + i).append("assignee", "officer." + (i % 2)));
        }
        Document doc = new Document("_id", "d-" + i)
                .append("at", Date.from(T0.plusSeconds(i * 60L)))
                .append("dueAt", Date.from(T0.plusSeconds((i % 100) * 3_600L)))
                .append("agencyId", i % 2 == 0 ? "bridges" : "harbor")
                .append("status", i % 5 == 0 ? "CLOSED" : "OPEN")
                .append("tasks", tasks)
                .append("count", i % 7 == 0 ? (Object) 3L : (Object) 3);
        if (i % 11 != 0) {
            doc.append("recipient", "user-" + (i % 5));
        }
        return doc;
    }

    /** Every query shape the services use, answered alike with and without the indexes. */
    private static void assertSame(MongoCollection<Document> indexed, MongoCollection<Document> plain) {
        Date mid = Date.from(T0.plusSeconds(40 * 3_600));
        List<Bson> queries = List.of(
                Filters.eq("recipient", "user-2"),
                Filters.and(Filters.eq("recipient", "user-4"), Filters.lt("at", Date.from(T0.plusSeconds(9_000)))),
                Filters.in("recipient", List.of("user-0", "user-3", "nobody")),
                Filters.eq("recipient", null),
                Filters.exists("recipient", false),
                Filters.ne("recipient", "user-1"),
                Filters.lte("dueAt", mid),
                Filters.gt("dueAt", mid),
                Filters.and(Filters.gte("dueAt", mid), Filters.lt("dueAt", Date.from(T0.plusSeconds(60 * 3_600)))),
                Filters.eq("tasks.assignee", "advocate.1"),
                Filters.eq("tasks.assignee", "officer.0"),
                Filters.eq("tasks.assignee", "advocate.new"),
                Filters.and(Filters.eq("agencyId", "bridges"), Filters.eq("status", "OPEN")),
                Filters.and(Filters.eq("agencyId", "harbor"), Filters.in("status", List.of("OPEN", "CLOSED"))),
                Filters.eq("count", 3),
                Filters.regex("recipient", "^user-[12]$"));
        for (Bson query : queries) {
            assertThat(ids(indexed.find(query).sort(Sorts.descending("at"))))
                    .as(query.toString())
                    .isEqualTo(ids(plain.find(query).sort(Sorts.descending("at"))));
            // a page, in the order of the compound index (walked) and in the reverse
            for (Bson order : List.of(Sorts.descending("at", "_id"), Sorts.ascending("at"))) {
                assertThat(ids(indexed.find(query).sort(order).skip(2).limit(7)))
                        .as(query + " " + order)
                        .isEqualTo(ids(plain.find(query).sort(order).skip(2).limit(7)));
            }
            assertThat(indexed.countDocuments(query)).as(query.toString()).isEqualTo(plain.countDocuments(query));
            // an aggregation that starts with $match reads through the indexes, and answers the same
            List<Bson> pipeline = List.of(
                    Aggregates.match(query),
                    Aggregates.unwind("$tasks"),
                    Aggregates.group("$tasks.assignee", Accumulators.sum("n", 1)),
                    Aggregates.sort(Sorts.ascending("_id")));
            assertThat(indexed.aggregate(pipeline).into(new ArrayList<>()))
                    .as("aggregate " + query)
                    .isEqualTo(plain.aggregate(pipeline).into(new ArrayList<>()));
        }
    }

    /** How many documents each of a collection's indexes holds, as the server's {@code validate} counts them. */
    private static Map<String, Object> keysPerIndex(MongoClient client, String collection) {
        return client.getDatabase("test")
                .runCommand(new Document("validate", collection))
                .get("keysPerIndex", Document.class);
    }

    private static List<String> ids(Iterable<Document> found) {
        List<String> ids = new ArrayList<>();
        found.forEach(doc -> ids.add(String.valueOf(doc.get("_id"))));
        return ids;
    }
}
