package org.village.messaging.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.Date;
import org.bson.Document;
import org.village.messaging.AppliedEvents;

/**
 * One-time changes of a service's stored documents (a field the code now keeps, given to the documents stored
 * before it did), each remembered by name in the database's {@value #COLLECTION} collection once done. A change
 * must be safe to run twice (two instances starting together both may) and must not undo a write made while it
 * runs: each document is changed by a conditional single-document write.
 */
public final class Migrations {

    /** Where the names of the changes done are kept. */
    public static final String COLLECTION = "migrations";

    private Migrations() {}

    /** Runs {@code change} unless a change of that name was done in this database already. */
    public static void once(MongoDatabase database, String name, Runnable change) {
        MongoCollection<Document> done = database.getCollection(COLLECTION);
        if (done.find(Filters.eq("_id", name)).first() != null) {
            return;
        }
        change.run();
        AppliedEvents.insertOnce(done, new Document("_id", name).append("at", new Date()));
    }
}
