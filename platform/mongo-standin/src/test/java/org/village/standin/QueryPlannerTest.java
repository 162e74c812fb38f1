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
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query reads what its indexes narrow it to, however it is written, and a sorted page reads as far as its
 * limit: the documents examined do not grow with the collection. Counted as MongoDB's explain counts them
 * ("documents examined"), on both backends.
 */
class QueryPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final int DOCUMENTS = 2_000;

    @TempDir
    Path dir;

    @Test
    void aQueryWrittenWithAndOrBesideItsIdReadsOnlyWhatItsIndexesFind() {
        for (MongoStandIn each : List.of(MongoStandIn.inMemory(), MongoStandIn.inFile(dir.resolve("a.mv"), 0))) {
            try (MongoStandIn standIn = each;
                    MongoClient client = MongoClients.create(standIn.connectionString())) {
                MongoCollection<Document> inbox = filled(client);
                Supplier<Long> examined = () -> standIn.examined("test", "inbox");

                long before = examined.get();
                // how the Java driver writes every Filters.and: {$and: [...]}
                assertThat(inbox.find(Filters.and(Filters.eq("_id", "n-42"), Filters.eq("recipient", "user-2")))
                                .first())
                        .extracting(doc -> doc.get("_id"))
                        .isEqualTo("n-42");
                assertThat(examined.get() - before).isEqualTo(1);

                before = examined.get();
                assertThat(inbox.updateOne(
                                        new Document("_id", "n-43").append("recipient", "user-3"),
                                        Updates.set("read", true))
                                .getModifiedCount())
                        .isEqualTo(1);
                assertThat(examined.get() - before).isEqualTo(1);

                before = examined.get();
                // user-7 has 100 of the 2,000 (50 unread); the narrowest index is used, not the first that could be
                assertThat(inbox.countDocuments(Filters.and(
                                Filters.gte("at", Date.from(T0)),
                                Filters.eq("recipient", "user-7"),
                                Filters.eq("read", false))))
                        .isEqualTo(50);
                assertThat(examined.get() - before).isEqualTo(100);
            }
        }
    }

    @Test
    void aSortedPageWalksItsIndexAndStopsAtTheLimit() {
        for (MongoStandIn each : List.of(MongoStandIn.inMemory(), MongoStandIn.inFile(dir.resolve("b.mv"), 0))) {
            try (MongoStandIn standIn = each;
                    MongoClient client = MongoClients.create(standIn.connectionString())) {
                MongoCollection<Document> inbox = filled(client);
                MongoCollection<Document> plain = client.getDatabase("test").getCollection("plain");
                inbox.find().forEach(plain::insertOne);
                Bson sort = Sorts.descending("at", "_id");

                long before = standIn.examined("test", "inbox");
                List<Object> page = ids(
                        inbox.find(Filters.eq("recipient", "user-4")).sort(sort).limit(11));
                assertThat(page)
                        .hasSize(11)
                        .isEqualTo(ids(plain.find(Filters.eq("recipient", "user-4"))
                                .sort(sort)
                                .limit(11)));
                assertThat(standIn.examined("test", "inbox") - before).isEqualTo(11);

                // the next page, as KeysetPaging asks for it; one in two of user-4's is read, so about twice read
                Document last = inbox.find(Filters.eq("_id", page.get(10))).first();
                Bson next = Filters.and(
                        Filters.eq("recipient", "user-4"),
                        Filters.eq("read", false),
                        Filters.or(
                                Filters.lt("at", last.getDate("at")),
                                Filters.and(Filters.eq("at", last.getDate("at")), Filters.lt("_id", page.get(10)))));
                before = standIn.examined("test", "inbox");
                assertThat(ids(inbox.find(next).sort(sort).limit(11)))
                        .hasSize(11)
                        .isEqualTo(ids(plain.find(next).sort(sort).limit(11)));
                assertThat(standIn.examined("test", "inbox") - before).isBetween(11L, 11L * 2 + 22);

                // ascending is the index walked backwards
                assertThat(ids(inbox.find(Filters.eq("recipient", "user-4"))
                                .sort(Sorts.ascending("at", "_id"))
                                .limit(5)))
                        .isEqualTo(ids(plain.find(Filters.eq("recipient", "user-4"))
                                .sort(Sorts.ascending("at", "_id"))
                                .limit(5)));

                // a document whose sort key is missing sorts as on MongoDB: the index is not walked while it is there
                inbox.updateOne(Filters.eq("_id", "n-4"), Updates.unset("at"));
                plain.updateOne(Filters.eq("_id", "n-4"), Updates.unset("at"));
                assertThat(ids(inbox.find(Filters.eq("recipient", "user-4"))
                                .sort(Sorts.ascending("at", "_id"))
                                .limit(3)))
                        .startsWith("n-4")
                        .isEqualTo(ids(plain.find(Filters.eq("recipient", "user-4"))
                                .sort(Sorts.ascending("at", "_id"))
                                .limit(3)));
                inbox.deleteOne(Filters.eq("_id", "n-4"));
                before = standIn.examined("test", "inbox");
                assertThat(ids(inbox.find(Filters.eq("recipient", "user-4"))
                                .sort(sort)
                                .limit(11)))
                        .isEqualTo(page);
                assertThat(standIn.examined("test", "inbox") - before).isEqualTo(11);
            }
        }
    }

    @Test
    void anEqualityAndARangeOfTheNextKeyReadOnlyTheRange() {
        for (MongoStandIn each : List.of(MongoStandIn.inMemory(), MongoStandIn.inFile(dir.resolve("c.mv"), 0))) {
            try (MongoStandIn standIn = each;
                    MongoClient client = MongoClients.create(standIn.connectionString())) {
                MongoCollection<Document> inbox = filled(client);
                MongoCollection<Document> plain = client.getDatabase("test").getCollection("plain");
                inbox.createIndex(Indexes.ascending("recipient", "due"));
                for (Document doc : inbox.find().into(new ArrayList<>())) {
                    inbox.updateOne(Filters.eq("_id", doc.get("_id")), Updates.set("due", doc.getDate("at")));
                }
                // one without a due time, which no range finds
                inbox.updateOne(Filters.eq("_id", "n-5"), Updates.unset("due"));
                inbox.find().forEach(plain::insertOne);

                // user-5's 100 are due one every two seconds; 25 of them by T0 + 49 s (n-5 among them, but no
                // longer due: read, and not found)
                Bson dueSoon = Filters.and(
                        Filters.eq("recipient", "user-5"), Filters.lte("due", Date.from(T0.plusSeconds(49))));
                long before = standIn.examined("test", "inbox");
                assertThat(ids(inbox.find(dueSoon).sort(Sorts.ascending("_id"))))
                        .hasSize(24)
                        .isEqualTo(ids(plain.find(dueSoon).sort(Sorts.ascending("_id"))));
                assertThat(standIn.examined("test", "inbox") - before).isEqualTo(25);

                // an aggregation's leading $match reads the same way
                assertThat(inbox.aggregate(List.of(
                                        Aggregates.match(dueSoon), Aggregates.group(null, Accumulators.sum("n", 1))))
                                .first()
                                .getInteger("n"))
                        .isEqualTo(24);

                Bson between = Filters.and(
                        Filters.eq("recipient", "user-5"),
                        Filters.gt("due", Date.from(T0.plusSeconds(10))),
                        Filters.lt("due", Date.from(T0.plusSeconds(30))));
                before = standIn.examined("test", "inbox");
                assertThat(ids(inbox.find(between).sort(Sorts.ascending("_id"))))
                        .hasSize(9)
                        .isEqualTo(ids(plain.find(between).sort(Sorts.ascending("_id"))));
                assertThat(standIn.examined("test", "inbox") - before).isEqualTo(9);
            }
        }
    }

    @Test
    void aRangeOfOneFieldsIndexReadsOnlyTheRange() {
        for (MongoStandIn each : List.of(MongoStandIn.inMemory(), MongoStandIn.inFile(dir.resolve("d.mv"), 0))) {
            try (MongoStandIn standIn = each;
                    MongoClient client = MongoClients.create(standIn.connectionString())) {
                MongoCollection<Document> inbox = filled(client);
                MongoCollection<Document> plain = client.getDatabase("test").getCollection("plain");
                // what a sweep asks: the documents due by now, of 2,000 (null: nothing due, never found)
                inbox.updateOne(Filters.eq("_id", "n-7"), Updates.set("at", null));
                inbox.find().forEach(plain::insertOne);

                Bson due = Filters.lte("at", Date.from(T0.plusSeconds(4)));
                long before = standIn.examined("test", "inbox");
                assertThat(ids(inbox.find(due).sort(Sorts.ascending("_id"))))
                        .hasSize(49)
                        .isEqualTo(ids(plain.find(due).sort(Sorts.ascending("_id"))));
                assertThat(standIn.examined("test", "inbox") - before).isEqualTo(49);
            }
        }
    }

    /** 2,000 notifications among 20 recipients, newest last; every other one read. */
    private static MongoCollection<Document> filled(MongoClient client) {
        MongoCollection<Document> inbox = client.getDatabase("test").getCollection("inbox");
        inbox.createIndex(Indexes.ascending("at"));
        inbox.createIndex(Indexes.compoundIndex(Indexes.ascending("recipient"), Indexes.descending("at", "_id")));
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            documents.add(new Document("_id", "n-" + i)
                    .append("recipient", "user-" + (i % 20))
                    // ten share each second: the page's order then rests on _id
                    .append("at", Date.from(T0.plusSeconds(i / 10)))
                    .append("read", i % 40 >= 20));
        }
        inbox.insertMany(documents);
        return inbox;
    }

    private static List<Object> ids(Iterable<Document> found) {
        List<Object> ids = new ArrayList<>();
        found.forEach(doc -> ids.add(doc.get("_id")));
        return ids;
    }
}
