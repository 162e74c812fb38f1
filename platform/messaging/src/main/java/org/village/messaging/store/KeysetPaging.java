package org.village.messaging.store;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * Newest-first keyset paging, the one way Village pages a list: items ordered by a time and an id (both
 * descending), a page continuing strictly after the last item of the previous one, and one item more than the
 * page holds fetched, which only tells whether there is a next page.
 */
public final class KeysetPaging {

    private KeysetPaging() {}

    /**
     * The filter that continues a list after the item at ({@code beforeTime}, {@code beforeId}), or the filter
     * itself for a first page ({@code beforeTime} null).
     */
    public static Bson continuing(
            Bson filter, String timeField, String idField, @Nullable Instant beforeTime, @Nullable String beforeId) {
        if (beforeTime == null) {
            return filter;
        }
        Date before = Date.from(beforeTime);
        return Filters.and(
                filter,
                Filters.or(
                        Filters.lt(timeField, before),
                        Filters.and(Filters.eq(timeField, before), Filters.lt(idField, beforeId))));
    }

    /**
     * The index a list of {@code collection} read with {@link #page} needs: the fields its filter fixes, then
     * {@code timeField} and {@code _id}, both descending, so that the database walks the index in the list's order
     * and reads a page's documents, not every one the filter finds. An index of the shape before ({@code field},
     * {@code timeField} descending, without {@code _id}) is dropped: nothing reads it any more.
     */
    public static void createIndex(MongoCollection<Document> collection, String timeField, String... fixedFields) {
        List<Bson> keys = new ArrayList<>();
        StringBuilder before = new StringBuilder();
        for (String field : fixedFields) {
            keys.add(Indexes.ascending(field));
            before.append(field).append("_1_");
        }
        keys.add(Indexes.descending(timeField, "_id"));
        collection.createIndex(Indexes.compoundIndex(keys));
        String superseded = before.append(timeField).append("_-1").toString();
        for (Document index : collection.listIndexes()) {
            if (superseded.equals(index.getString("name"))) {
                collection.dropIndex(superseded);
            }
        }
    }

    /** The newest-first order of a keyset-paged list. */
    public static Bson newestFirst(String timeField, String idField) {
        return Sorts.descending(timeField, idField);
    }

    /**
     * One page of the documents matching {@code filter}, newest first by {@code timeField} then {@code _id}, with
     * one more than {@code limit} when there is a next page.
     */
    public static FindIterable<Document> page(
            MongoCollection<Document> collection,
            Bson filter,
            String timeField,
            @Nullable Instant beforeTime,
            @Nullable String beforeId,
            int limit) {
        return collection
                .find(continuing(filter, timeField, "_id", beforeTime, beforeId))
                .sort(newestFirst(timeField, "_id"))
                .limit(limit + 1);
    }
}
