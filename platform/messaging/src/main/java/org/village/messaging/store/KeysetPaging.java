package org.village.messaging.store;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.Date;
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
