package org.village.messaging;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Idempotent consumption, the one way Village does it. An effect that creates a document takes an id derived
 * from the source event, so that a redelivery collides on the primary key; an effect that changes a
 * document remembers the event id in the document itself, in the same conditional update as the change.
 */
public final class AppliedEvents {

    /** The array of recently applied event ids kept in a target document. */
    public static final String FIELD = "appliedEvents";

    private static final int REMEMBERED = 200;

    private AppliedEvents() {}

    /** A filter matching the target only while the event has not been applied to it. */
    public static Bson notYetApplied(String eventId) {
        return Filters.ne(FIELD, eventId);
    }

    /** The update part that records the event as applied; combine it with the effect. */
    public static Bson markApplied(String eventId) {
        return Updates.pushEach(FIELD, List.of(eventId), new PushOptions().slice(-REMEMBERED));
    }

    /** A deterministic id for something an event causes: the same event and parts give the same id. */
    public static String derivedId(String eventId, String... parts) {
        String seed = eventId + "|" + String.join("|", parts);
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Inserts the document unless one with its id exists; true when this call inserted it. */
    public static boolean insertOnce(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
