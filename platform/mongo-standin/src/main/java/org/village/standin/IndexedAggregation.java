package org.village.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.bson.Document;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An aggregation that starts with {@code $match}, read through the indexes. mongo-java-server runs every
 * aggregation over the whole collection; MongoDB answers a leading {@code $match} from an index. Here the
 * aggregation is given its collection narrowed to what the {@code $match} finds through the indexes (a query,
 * which uses them); the pipeline then runs as before, its {@code $match} included, so the answer is the same.
 */
final class IndexedAggregation {

    /** The collection an aggregation reads, and the filter of its leading {@code $match}. */
    record Leading(String collection, Document match) {}

    private IndexedAggregation() {}

    /** The leading {@code $match} of an {@code aggregate} command, or null when it has none. */
    static @Nullable Leading of(Document command) {
        Object collection = command.get("aggregate");
        if (!(collection instanceof String name)
                || !(command.get("pipeline") instanceof List<?> pipeline)
                || pipeline.isEmpty()
                || !(pipeline.get(0) instanceof Document first)
                || first.size() != 1
                || !(first.get("$match") instanceof Document match)
                || match.isEmpty()) {
            return null;
        }
        return new Leading(name, match);
    }

    /**
     * The aggregation in progress on this thread (a server thread runs one command at a time): while an
     * {@code aggregate} with a leading {@code $match} runs, the first time its own collection is resolved it is
     * given narrowed.
     */
    private static final ThreadLocal<@Nullable Leading> PENDING = new ThreadLocal<>();

    static final class Scope {

        private Scope() {}

        static Document around(String command, Document query, Supplier<Document> run) {
            Leading leading = command.equalsIgnoreCase("aggregate") ? of(query) : null;
            if (leading == null) {
                return run.get();
            }
            PENDING.set(leading);
            try {
                return run.get();
            } finally {
                PENDING.remove();
            }
        }

        static <P> @Nullable MongoCollection<P> resolved(String name, @Nullable MongoCollection<P> collection) {
            Leading leading = PENDING.get();
            if (leading == null || collection == null || !leading.collection().equals(name)) {
                return collection;
            }
            PENDING.remove();
            return narrowed(collection, leading.match());
        }
    }

    /** The collection as the aggregation reads it: everything as it is, but "all documents" is what matches. */
    @SuppressWarnings("unchecked")
    static <P> MongoCollection<P> narrowed(MongoCollection<P> collection, Document match) {
        return (MongoCollection<P>) Proxy.newProxyInstance(
                IndexedAggregation.class.getClassLoader(),
                new Class<?>[] {MongoCollection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("queryAllAsStream") && method.getParameterCount() == 0) {
                        return collection.handleQueryAsStream(match);
                    }
                    try {
                        return method.invoke(collection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
