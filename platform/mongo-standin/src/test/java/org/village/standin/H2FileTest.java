package org.village.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's H2 file: documents kept as BSON come back as they went in, every kind of value; unique
 * indexes, held in memory, are built again when the file is opened again and still refuse a duplicate; and a
 * file written by mongo-java-server's own H2 backend (documents in Java serialization) is read and changed.
 */
class H2FileTest {

    @TempDir
    Path dir;

    @Test
    void documentsComeBackAsTheyWentInAndUniqueIndexesHoldAfterTheFileIsOpenedAgain() {
        Path file = dir.resolve("bson.mv");
        Document stored = every(1);
        try (MongoStandIn standIn = MongoStandIn.inFile(file, 0);
                MongoClient client = MongoClients.create(standIn.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.insertOne(stored);
            assertThat(things.find(Filters.eq("_id", "doc-1")).first()).isEqualTo(stored);
        }
        try (MongoStandIn standIn = MongoStandIn.inFile(file, 0);
                MongoClient client = MongoClients.create(standIn.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            assertThat(things.find(Filters.eq("_id", "doc-1")).first()).isEqualTo(stored);
            assertThat(things.find(Filters.eq("key", "key-1")).first()).isEqualTo(stored);
            assertThat(standIn.indexKinds("test", "things")).containsExactly("HeldUniqueIndex", "HeldUniqueIndex");
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "doc-1")))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "doc-2").append("key", "key-1")))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            things.insertOne(every(2));
            assertThat(things.countDocuments()).isEqualTo(2);
        }
    }

    @Test
    void aFileWrittenByTheBackendsOwnFormIsReadAndChanged() {
        Path file = dir.resolve("before.mv");
        H2Backend before = new H2Backend(file.toString());
        MongoServer server = new MongoServer(before);
        try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(server.bind()))) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.insertMany(List.of(every(1), every(2)));
        } finally {
            server.shutdownNow();
        }
        try (MongoStandIn standIn = MongoStandIn.inFile(file, 0);
                MongoClient client = MongoClients.create(standIn.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("test").getCollection("things");
            assertThat(things.find(Filters.eq("_id", "doc-2")).first()).isEqualTo(every(2));
            things.updateOne(Filters.eq("_id", "doc-1"), Updates.set("note", "changed"));
            assertThat(things.find(Filters.eq("key", "key-1")).first().getString("note"))
                    .isEqualTo("changed");
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "doc-3").append("key", "key-2")))
                    .isInstanceOf(MongoWriteException.class);
        }
        try (MongoStandIn standIn = MongoStandIn.inFile(file, 0);
                MongoClient client = MongoClients.create(standIn.connectionString())) {
            assertThat(client.getDatabase("test")
                            .getCollection("things")
                            .find(Filters.eq("_id", "doc-1"))
                            .first()
                            .getString("note"))
                    .isEqualTo("changed");
        }
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** A document with a value of every kind the services store. */
    private static Document every(int i) {
        return new Document("_id", "doc-" + i)
                .append("key", "key-" + i)
                .append("text", "Ana María — ñ " + i)
                .append("int", i)
                .append("long", 5_000_000_000L + i)
                .append("double", 1.5 * i)
                .append("decimal", Decimal128.parse("12.34"))
                .append("flag", i % 2 == 0)
                .append("nothing", null)
                .append("at", Date.from(Instant.parse("2026-11-30T10:15:30.123Z")))
                .append("objectId", new ObjectId("0123456789abcdef01234567"))
                .append("bytes", new Binary(new byte[] {1, 2, 3}))
                .append("list", List.of("a", 1, new Document("nested", true)))
                .append("embedded", new Document("deeper", new Document("value", List.of())));
    }
}
