package org.village.messaging.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.village.events.VillageEvent;
import org.village.messaging.AppliedEvents;
import org.village.messaging.Outbox;
import org.village.messaging.OutboxRelay;

/**
 * The one write path for a collection whose documents carry an {@link Outbox}: a state change and the events it
 * causes are one single-document write, taken under the document's lock, and the relay is woken whenever that
 * write applied. A store holds one of these per such collection and writes through nothing else, so it cannot
 * write the events apart from the change nor forget to have them published.
 */
public final class OutboxDocuments {

    private final MongoCollection<Document> collection;
    private final String name;
    private final OutboxRelay relay;

    public OutboxDocuments(MongoCollection<Document> collection, OutboxRelay relay) {
        this.collection = collection;
        this.name = collection.getNamespace().getCollectionName();
        this.relay = relay;
    }

    /** The collection, for the reads and index definitions of the store that owns it. */
    public MongoCollection<Document> collection() {
        return collection;
    }

    /**
     * Inserts a new document carrying the events its creation caused, unless a document with its id exists (a
     * retried request or a redelivered event); true when this call inserted it.
     */
    public boolean insert(Document document, Instant now, List<? extends VillageEvent> events) {
        List<Document> entries = Outbox.entries(now, events);
        if (!entries.isEmpty()) {
            document.append(Outbox.FIELD, entries).append(Outbox.SINCE, Outbox.since());
        }
        boolean inserted = AppliedEvents.insertOnce(collection, document);
        if (inserted && !entries.isEmpty()) {
            relay.publishSoon(
                    name, Objects.requireNonNull(document.get("_id"), "an inserted document has an _id"), entries);
        }
        return inserted;
    }

    /**
     * Applies {@code update} to the document {@code id} while it also matches {@code condition}, appending the
     * events to its outbox in the same write; true when it applied.
     */
    public boolean update(
            Object id, @Nullable Bson condition, Bson update, Instant now, List<? extends VillageEvent> events) {
        Bson target = condition == null ? Filters.eq("_id", id) : Filters.and(Filters.eq("_id", id), condition);
        if (events.isEmpty()) {
            UpdateResult result = collection.updateOne(target, update);
            return result.getModifiedCount() > 0;
        }
        // the write answers with the outbox as it left it (older events still pending first): the relay sends
        // them without reading the document again
        Document written = collection.findOneAndUpdate(
                target,
                Updates.combine(update, Outbox.appendEntries(now, Outbox.entries(now, events))),
                new FindOneAndUpdateOptions()
                        .returnDocument(ReturnDocument.AFTER)
                        .projection(Projections.include(Outbox.FIELD)));
        if (written == null) {
            return false;
        }
        relay.publishSoon(name, id, written.getList(Outbox.FIELD, Document.class, List.of()));
        return true;
    }

    /** Applies {@code update}, with no events, to the document {@code id} whatever it holds. */
    public boolean update(Object id, Bson update) {
        return update(id, null, update, Instant.EPOCH, List.of());
    }

    /**
     * Applies {@code update}, with no events, to one document found by {@code filter} (by a field other than its
     * id, through an index); true when a document matched, changed or not.
     */
    public boolean updateFound(Bson filter, Bson update) {
        return collection.updateOne(filter, update).getMatchedCount() > 0;
    }

    /** Applies {@code update}, with no events, to the document {@code id} while it matches {@code condition}. */
    public boolean update(Object id, Bson condition, Bson update) {
        return update(id, condition, update, Instant.EPOCH, List.of());
    }

    /**
     * The document {@code id}, as one write or another left it (each write applies to a document at once, on
     * MongoDB and on Village's stand-in alike): what a conditional write decides from.
     */
    public Optional<Document> read(Object id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first());
    }

    /**
     * Compare-and-set with retry: reads the document, lets {@code decide} say what to write, and writes it only if
     * the document's {@code version} is still the one read (counting it up in the same write); if someone changed
     * it meanwhile, reads again, at most {@code attempts} times. Returns what {@code decide} made of the document
     * the write applied to (or decided needed no write), or empty when the document does not exist.
     *
     * @throws ConcurrentChangeException when every attempt lost to another writer
     */
    public <T> Optional<T> compareAndSet(Object id, int attempts, Function<Document, Decision<T>> decide) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            Optional<Document> current = read(id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Decision<T> decision = decide.apply(current.get());
            if (decision.update() == null) {
                return Optional.of(decision.result());
            }
            Bson unchanged = current.get().get("version") instanceof Number version
                    ? Filters.eq("version", version.longValue())
                    : Filters.exists("version", false);
            Bson update = Updates.combine(decision.update(), Updates.inc("version", 1L));
            if (update(id, unchanged, update, decision.at(), decision.events())) {
                return Optional.of(decision.result());
            }
        }
        throw new ConcurrentChangeException(name + "/" + id);
    }

    /**
     * What a {@link #compareAndSet} decided: the update to make with the events it causes at {@code at}, or none
     * ({@link #nothing}); and what the caller is answered once it is written.
     */
    public record Decision<T>(@Nullable Bson update, List<? extends VillageEvent> events, Instant at, T result) {

        /** Nothing to write: the document already is as wanted. */
        public static <T> Decision<T> nothing(T result) {
            return new Decision<>(null, List.of(), Instant.EPOCH, result);
        }

        /** Write {@code update} with {@code events}, answering {@code result}. */
        public static <T> Decision<T> write(Bson update, List<? extends VillageEvent> events, Instant at, T result) {
            return new Decision<>(update, events, at, result);
        }
    }

    /** Every attempt of a compare-and-set lost to another writer of the same document. */
    public static final class ConcurrentChangeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConcurrentChangeException(String document) {
            super("Changed by others on every attempt: " + document);
        }
    }
}
