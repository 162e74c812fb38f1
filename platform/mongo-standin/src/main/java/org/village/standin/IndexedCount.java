package org.village.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@code count} of the documents whose field equals a value, answered from an index that starts with that field without
 * reading a document (MongoDB's COUNT_SCAN). mongo-java-server reads and matches every document the index finds,
 * so a count such as a user's unread notifications cost as much as those notifications. Any other count is left to
 * the server.
 */
final class IndexedCount {

    private IndexedCount() {}

    /**
     * The answer to {@code query} when it is a {@code count} one index answers; empty otherwise.
     *
     * @param collections the collection of a name, or null when there is none
     */
    static Optional<Document> answer(
            String command, Document query, Function<String, @Nullable MongoCollection<?>> collections) {
        if (!command.equalsIgnoreCase("count")
                || !(query.get("count") instanceof String name)
                || !(query.get("query") instanceof Document filter)
                || filter.size() != 1) {
            return Optional.empty();
        }
        String field = filter.keySet().iterator().next();
        Object wanted = filter.get(field);
        if (wanted instanceof Document condition) {
            if (condition.size() != 1 || !condition.containsKey("$eq")) {
                return Optional.empty();
            }
            wanted = condition.get("$eq");
        }
        if (wanted == null
                || !SecondaryIndex.isPlainValue(wanted)
                || !(collections.apply(name) instanceof AbstractMongoCollection<?> collection)) {
            return Optional.empty();
        }
        for (Index<?> index : collection.getIndexes()) {
            if (index instanceof SecondaryIndex<?> secondary
                    && secondary.first().equals(field)) {
                long n = secondary.count(wanted);
                if (query.get("skip") instanceof Number skip) {
                    n = Math.max(0, n - skip.longValue());
                }
                if (query.get("limit") instanceof Number limit && limit.longValue() != 0) {
                    n = Math.min(n, Math.abs(limit.longValue()));
                }
                return Optional.of(new Document("n", n).append("ok", 1.0));
            }
        }
        return Optional.empty();
    }
}
