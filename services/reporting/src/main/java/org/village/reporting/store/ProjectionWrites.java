package org.village.reporting.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * The projections' writes: each an upsert of one fact by its id. While a batch of records is applied
 * ({@link #collect}), they are kept and then written together, one ordered bulk write per collection, instead of
 * one round trip each; outside a batch each is written at once.
 */
public final class ProjectionWrites {

    /** The writes kept for the batch the current thread applies, by collection, in order; null outside one. */
    private static final ThreadLocal<@Nullable Map<MongoCollection<Document>, List<WriteModel<Document>>>> PENDING =
            new ThreadLocal<>();

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions IN_ORDER = new BulkWriteOptions().ordered(true);

    private ProjectionWrites() {}

    /** Upserts the fact {@code id} of {@code collection} with {@code update}, now or with the batch. */
    static void upsert(MongoCollection<Document> collection, String id, Bson update) {
        Map<MongoCollection<Document>, List<WriteModel<Document>>> pending = PENDING.get();
        if (pending == null) {
            collection.updateOne(Filters.eq("_id", id), update, UPSERT);
        } else {
            pending.computeIfAbsent(collection, c -> new ArrayList<>())
                    .add(new UpdateOneModel<>(Filters.eq("_id", id), update, UPSERT));
        }
    }

    /**
     * Runs {@code work} keeping its writes, then writes them, also when {@code work} fails part-way: what was
     * applied before the failure is written, and the failure is thrown on.
     *
     * @throws NotWritten when the writes could not be made (none of the batch may be taken as done)
     */
    public static void collect(Runnable work) {
        Map<MongoCollection<Document>, List<WriteModel<Document>>> pending = new LinkedHashMap<>();
        PENDING.set(pending);
        RuntimeException failed = null;
        try {
            work.run();
        } catch (RuntimeException e) {
            failed = e;
        } finally {
            PENDING.remove();
        }
        try {
            pending.forEach((collection, writes) -> collection.bulkWrite(writes, IN_ORDER));
        } catch (RuntimeException e) {
            throw new NotWritten(e);
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** A batch's writes failed: nothing of it is known to be written. */
    public static final class NotWritten extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotWritten(RuntimeException cause) {
            super("The projections' writes failed: " + cause.getMessage(), cause);
        }
    }
}
