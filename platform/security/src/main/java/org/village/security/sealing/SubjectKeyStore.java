package org.village.security.sealing;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The wrapped data keys of a service's subjects, one document each in their own collection, apart from the
 * data they seal, so that destroying a key is a single delete.
 */
public final class SubjectKeyStore {

    private final MongoCollection<Document> keys;
    private final Sealing sealing;

    public SubjectKeyStore(MongoDatabase database, String collection, Sealing sealing) {
        this.keys = database.getCollection(collection);
        this.sealing = sealing;
    }

    /** The subject's cipher, creating its data key on first use (a retried request reuses the first key). */
    public SubjectCipher createOrGet(String subjectId) {
        try {
            keys.insertOne(new Document("_id", subjectId).append("key", new Binary(sealing.newWrappedKey(subjectId)))
                    .append("createdAt", new Date()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return find(subjectId).orElseThrow(() -> new IllegalStateException("The key of " + subjectId + " vanished"));
    }

    /** The subject's cipher, or empty once its key was destroyed. */
    public Optional<SubjectCipher> find(String subjectId) {
        Document found = keys.find(Filters.eq("_id", subjectId)).first();
        return Optional.ofNullable(found)
                .map(doc -> sealing.cipher(subjectId, doc.get("key", Binary.class).getData()));
    }

    /** The sealed free-text fields of one subject, under its key (created when the first one is sealed). */
    public SealedFields fields(String subjectId) {
        return new SealedFields(this, subjectId);
    }

    /** Destroys the subject's key: everything sealed under it becomes unreadable, everywhere it was copied. */
    public void destroy(String subjectId) {
        keys.deleteOne(Filters.eq("_id", subjectId));
    }
}
