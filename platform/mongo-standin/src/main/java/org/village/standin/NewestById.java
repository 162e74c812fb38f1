package org.village.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The newest (or oldest) documents by id, as MongoDB finds them from its id index: a {@code find} with no filter,
 * sorted by {@code _id} alone, with a limit (an append-only log's last entry, for one). mongo-java-server sorts
 * the whole collection for it; here the ids come from the collection's ordered id index
 * ({@link SecondaryIndex#orderedIds}) and the find asks for those ids alone, which its id index answers.
 */
final class NewestById {

    /** More than this many is not "the newest few": left as asked. */
    private static final int MAX = 1_000;

    private NewestById() {}

    /** The command as it is best run: a find for the newest or oldest ids narrowed to them, any other unchanged. */
    static Document rewritten(
            String command, Document query, Function<String, @Nullable MongoCollection<?>> collections) {
        if (!command.equalsIgnoreCase("find")
                || !(query.get("find") instanceof String name)
                || (query.get("filter") instanceof Document filter && !filter.isEmpty())
                || !(query.get("sort") instanceof Document sort)
                || sort.size() != 1
                || !(sort.get("_id") instanceof Number direction)
                || !(query.get("limit") instanceof Number limit)
                || limit.intValue() <= 0
                || limit.intValue() > MAX) {
            return query;
        }
        MongoCollection<?> collection = collections.apply(name);
        if (collection == null) {
            return query;
        }
        for (Index<?> index : collection.getIndexes()) {
            if (index instanceof SecondaryIndex<?> ordered && index.getName().equals("_id_ordered")) {
                Document narrowed = new Document(query);
                narrowed.put(
                        "filter",
                        new Document(
                                "_id", new Document("$in", ordered.ids(limit.intValue(), direction.intValue() < 0))));
                return narrowed;
            }
        }
        return query;
    }
}
