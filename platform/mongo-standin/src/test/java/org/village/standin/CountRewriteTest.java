package org.village.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The driver's count aggregation is answered as a {@code count} command, in the aggregation's shape. */
class CountRewriteTest {

    @Test
    void theDriversCountAggregationIsAskedAsACountWithItsSkipAndLimit() {
        List<Document> asked = new ArrayList<>();
        Document command = new Document("aggregate", "notifications")
                .append(
                        "pipeline",
                        List.of(
                                new Document("$match", new Document("recipient", "advocate.avery")),
                                new Document("$skip", 2),
                                new Document("$limit", 10),
                                new Document("$group", new Document("_id", 1).append("n", new Document("$sum", 1)))))
                .append("cursor", new Document());

        Optional<Document> answer = CountRewrite.answer("notification", command, count -> {
            asked.add(count);
            return new Document("n", 7).append("ok", 1.0);
        });

        assertThat(asked).singleElement().satisfies(count -> {
            assertThat(count.get("count")).isEqualTo("notifications");
            assertThat(count.get("query")).isEqualTo(new Document("recipient", "advocate.avery"));
            assertThat(count.get("skip")).isEqualTo(2);
            assertThat(count.get("limit")).isEqualTo(10);
        });
        Document cursor = (Document) answer.orElseThrow().get("cursor");
        assertThat(cursor.get("ns")).isEqualTo("notification.notifications");
        assertThat(cursor.get("firstBatch")).isEqualTo(List.of(new Document("_id", 1).append("n", 7L)));
    }

    @Test
    void anyOtherAggregationIsLeftAlone() {
        Document grouped = new Document("aggregate", "cases")
                .append(
                        "pipeline",
                        List.of(
                                new Document("$match", new Document("status", "OPEN")),
                                new Document(
                                        "$group", new Document("_id", null).append("open", new Document("$sum", 1)))));
        Document find = new Document("find", "cases").append("filter", new Document());
        assertThat(CountRewrite.answer("case", grouped, count -> new Document("n", 1)))
                .isEmpty();
        assertThat(CountRewrite.answer("case", find, count -> new Document("n", 1)))
                .isEmpty();
    }

    @Test
    void countsThroughTheDriverAreWhatTheDocumentsSay() {
        try (MongoStandIn standIn = MongoStandIn.inMemory();
                MongoClient client = MongoClients.create(standIn.connectionString())) {
            MongoCollection<org.bson.Document> notifications =
                    client.getDatabase("notification").getCollection("notifications");
            notifications.createIndex(Indexes.ascending("recipient"));
            for (int i = 0; i < 40; i++) {
                notifications.insertOne(new org.bson.Document("_id", "n-" + i)
                        .append("recipient", "user-" + (i % 4))
                        .append("acknowledgedAt", i % 3 == 0 ? new java.util.Date() : null));
            }
            var unread = Filters.and(Filters.eq("recipient", "user-1"), Filters.eq("acknowledgedAt", null));
            assertThat(notifications.countDocuments(unread)).isEqualTo(7);
            assertThat(notifications.countDocuments(Filters.eq("recipient", "nobody")))
                    .isZero();
            assertThat(notifications.countDocuments(
                            Filters.eq("recipient", "user-2"),
                            new CountOptions().skip(3).limit(4)))
                    .isEqualTo(4);
            assertThat(notifications.countDocuments()).isEqualTo(40);
        }
    }
}
