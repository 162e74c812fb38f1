package org.village.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** {@code top} counts each collection's commands by kind, as MongoDB's does. */
class TopTest {

    @Test
    void topCountsEveryCommandOfEachCollectionByKind() {
        try (MongoStandIn standIn = MongoStandIn.inMemory();
                MongoClient client = MongoClients.create(standIn.connectionString())) {
            MongoCollection<Document> cases = client.getDatabase("case").getCollection("cases");
            MongoCollection<Document> notifications =
                    client.getDatabase("notification").getCollection("notifications");
            cases.insertOne(new Document("_id", "c1").append("status", "OPEN"));
            cases.insertOne(new Document("_id", "c2").append("status", "OPEN"));
            cases.updateOne(Filters.eq("_id", "c1"), Updates.set("status", "CLOSED"));
            assertThat(cases.find(Filters.eq("status", "OPEN")).first()).isNotNull();
            assertThat(cases.countDocuments(Filters.eq("status", "OPEN"))).isEqualTo(1);
            notifications.deleteMany(Filters.eq("recipient", "nobody"));

            Document totals = client.getDatabase("admin")
                    .runCommand(new Document("top", 1))
                    .get("totals", Document.class);

            Document caseUsage = totals.get("case.cases", Document.class);
            assertThat(count(caseUsage, "insert")).isEqualTo(2);
            assertThat(count(caseUsage, "update")).isEqualTo(1);
            assertThat(count(caseUsage, "queries")).isEqualTo(1);
            assertThat(count(caseUsage, "commands")).isEqualTo(1); // the count
            assertThat(count(caseUsage, "writeLock")).isEqualTo(3);
            assertThat(count(caseUsage, "readLock")).isEqualTo(2);
            assertThat(count(caseUsage, "total")).isEqualTo(5);
            assertThat(caseUsage.get("total", Document.class).getLong("time")).isPositive();
            assertThat(count(totals.get("notification.notifications", Document.class), "remove"))
                    .isEqualTo(1);
        }
    }

    private static long count(Document usage, String kind) {
        return usage.get(kind, Document.class).getLong("count");
    }
}
