package org.village.security.sealing;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The wrapped data keys of a service's subjects, one document each in a collection of the key database
 * ({@link KeyVault}), apart from the data they seal, so that destroying a key is a single delete and a backup
 * of the data holds no key.
 */
public final class SubjectKeyStore {

    private final MongoCollection<Document> keys;
    private final Sealing sealing;

    /**
     * The keys in {@code collection} of the key database. Keys an earlier version kept in the same collection of
     * the data database are moved over, once.
     */
    public SubjectKeyStore(KeyVault vault, MongoDatabase data, String collection, Sealing sealing) {
        this.keys = vault.database().getCollection(collection);
        this.sealing = sealing;
        if (!vault.database().getName().equals(data.getName())) {
            MongoCollection<Document> legacy = data.getCollection(collection);
            for (Document key : legacy.find()) {
                keys.replaceOne(Filters.eq("_id", key.get("_id")), key, new ReplaceOptions().upsert(true));
                legacy.deleteOne(Filters.eq("_id", key.get("_id")));
            }
        }
    }

    /** Every subject's wrapped key, for re-wrapping under a rotated master key. */
    public int rewrapAll() {
        int rewrapped = 0;
        for (Document key : keys.find()) {
            String subject = key.getString("_id");
            byte[] wrapped =
                    sealing.rewrap(subject, key.get("key", Binary.class).getData());
            keys.updateOne(Filters.eq("_id", subject), Updates.set("key", new Binary(wrapped)));
            rewrapped++;
        }
        return rewrapped;
    }

    /** The subject's cipher, creating its data key on first use (a retried request reuses the first key). */
    public SubjectCipher createOrGet(String subjectId) {
        byte[] wrapped = sealing.newWrappedKey(subjectId);
        try {
            keys.insertOne(new Document("_id", subjectId)
                    .append("key", new Binary(wrapped))
                    .append("createdAt", Date.from(Instant.now())));
            // the key just stored: no need to read it back
            return sealing.cipher(subjectId, wrapped);
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
                .map(doc ->
                        sealing.cipher(subjectId, doc.get("key", Binary.class).getData()));
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
