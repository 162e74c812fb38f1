package org.village.standin;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Which documents a query reads, chosen as MongoDB's planner would. mongo-java-server asks an index only when the
 * query's top-level fields are that index's keys, so a query written as {@code $and} (as the Java driver writes
 * every {@code Filters.and}) or naming {@code _id} beside another field read the whole collection, and a sorted,
 * limited query read every document its index found before sorting them. Here each condition of the query (its
 * fields, and those of an {@code $and} at any depth) is looked at:
 *
 * <ol>
 *   <li>a sort with a limit, and an equality on the first key of a compound index whose later keys give that order:
 *       the index is walked in order and reading stops at the limit;
 *   <li>an equality on the first key of a compound index and a range on its second: the index is read from the
 *       range's start to its end;
 *   <li>an equality (or {@code $in}) on the key of a unique index, {@code _id}'s among them: those documents only;
 *   <li>a condition a non-unique index can narrow: the documents of the narrowest;
 *   <li>otherwise as mongo-java-server reads it.
 * </ol>
 *
 * Every document read is still matched against the whole query, so the answer is the one a full scan gives.
 */
final class QueryPlanner {

    private static final Set<String> RANGE = Set.of("$lt", "$lte", "$gt", "$gte");

    /** What the planner needs of a collection. */
    interface Reads<P> {

        List<Index<P>> getIndexes();

        /** The document stored at a position. */
        Document document(P position);

        /** Whether a document matches the query. */
        boolean matches(Document document, Document query);

        /** The answer made of documents already matched and in order (skip, limit and projection applied). */
        QueryResult fromMatched(
                Stream<Document> documents,
                @Nullable Document orderBy,
                int skip,
                int limit,
                int batchSize,
                @Nullable Document projection);

        /** The answer made of the documents at some positions, matched and sorted. */
        QueryResult fromPositions(
                Document query,
                Iterable<P> positions,
                @Nullable Document orderBy,
                int skip,
                int limit,
                int batchSize,
                @Nullable Document projection);

        /**
         * How many documents were matched against a filter so far (MongoDB's "documents examined"; a document
         * already matched is not counted again when it is answered).
         */
        long examined();

        /** The answer as mongo-java-server reads it. */
        QueryResult unplanned(
                Document query,
                @Nullable Document orderBy,
                int skip,
                int limit,
                int batchSize,
                @Nullable Document projection);
    }

    private QueryPlanner() {}

    static <P> QueryResult query(
            Reads<P> collection,
            Document query,
            @Nullable Document orderBy,
            int skip,
            int limit,
            int batchSize,
            @Nullable Document projection) {
        List<Map.Entry<String, Object>> conditions = conditions(query);
        int wanted = Math.abs(limit);
        if (orderBy != null && !orderBy.isEmpty() && wanted > 0) {
            for (Index<P> index : collection.getIndexes()) {
                if (index instanceof SecondaryIndex<P> secondary) {
                    Object value = equality(conditions, secondary.first());
                    Optional<Boolean> forward = value == null ? Optional.empty() : secondary.walks(orderBy);
                    if (value != null && forward.isPresent()) {
                        List<Document> found = secondary.firstInOrder(value, forward.get(), skip + wanted, at -> {
                            Document document = collection.document(at);
                            return collection.matches(document, query) ? document : null;
                        });
                        return collection.fromMatched(found.stream(), orderBy, skip, limit, batchSize, projection);
                    }
                }
            }
        }
        for (Index<P> index : collection.getIndexes()) {
            if (index instanceof SecondaryIndex<P> secondary && secondary.second() != null) {
                Object value = equality(conditions, secondary.first());
                Document range = range(conditions, secondary.second());
                Optional<List<P>> within =
                        value == null || range == null ? Optional.empty() : secondary.within(value, range);
                if (within.isPresent()) {
                    return collection.fromPositions(query, within.get(), orderBy, skip, limit, batchSize, projection);
                }
            }
        }
        for (Index<P> index : collection.getIndexes()) {
            if (index.isUnique() && index.getKeys().size() == 1) {
                String key = index.getKeys().get(0).getKey();
                for (Map.Entry<String, Object> condition : conditions) {
                    Object lookup = condition.getKey().equals(key) ? uniqueLookup(condition.getValue()) : null;
                    if (lookup != null) {
                        return collection.fromPositions(
                                query,
                                index.getPositions(new Document(key, lookup)),
                                orderBy,
                                skip,
                                limit,
                                batchSize,
                                projection);
                    }
                }
            }
        }
        SecondaryIndex<P> narrowest = null;
        Document narrowing = null;
        long fewest = Long.MAX_VALUE;
        for (Index<P> index : collection.getIndexes()) {
            if (index instanceof SecondaryIndex<P> secondary) {
                for (Map.Entry<String, Object> condition : conditions) {
                    Document single = new Document(condition.getKey(), condition.getValue());
                    if (condition.getKey().equals(secondary.first()) && secondary.canHandle(single)) {
                        long estimate = secondary.estimate(condition.getValue());
                        if (estimate < fewest) {
                            narrowest = secondary;
                            narrowing = single;
                            fewest = estimate;
                        }
                    }
                }
            }
        }
        if (narrowest != null && narrowing != null) {
            return collection.fromPositions(
                    query, narrowest.getPositions(narrowing), orderBy, skip, limit, batchSize, projection);
        }
        return collection.unplanned(query, orderBy, skip, limit, batchSize, projection);
    }

    /** A query's conditions on fields: its own, and those of every {@code $and} in it. */
    static List<Map.Entry<String, Object>> conditions(Document query) {
        List<Map.Entry<String, Object>> conditions = new ArrayList<>();
        query.forEach((field, condition) -> {
            if (field.equals("$and") && condition instanceof Collection<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document each) {
                        conditions.addAll(conditions(each));
                    }
                }
            } else if (!field.startsWith("$") && condition != null) {
                conditions.add(Map.entry(field, condition));
            }
        });
        return conditions;
    }

    /** The plain value a condition on {@code field} asks it to equal, if one does. */
    private static @Nullable Object equality(List<Map.Entry<String, Object>> conditions, String field) {
        for (Map.Entry<String, Object> condition : conditions) {
            if (condition.getKey().equals(field)) {
                Object wanted = condition.getValue();
                if (wanted instanceof Document operators && operators.size() == 1 && operators.containsKey("$eq")) {
                    wanted = operators.get("$eq");
                }
                if (SecondaryIndex.isPlainValue(wanted)) {
                    return wanted;
                }
            }
        }
        return null;
    }

    /**
     * The range asked of {@code field}: the {@code $lt}, {@code $lte}, {@code $gt} and {@code $gte} (of plain values)
     * of every condition on it together; null when none is.
     */
    private static @Nullable Document range(List<Map.Entry<String, Object>> conditions, @Nullable String field) {
        Document range = new Document();
        for (Map.Entry<String, Object> condition : conditions) {
            if (condition.getKey().equals(field) && condition.getValue() instanceof Document operators) {
                operators.forEach((operator, bound) -> {
                    if (RANGE.contains(operator) && SecondaryIndex.isPlainValue(bound)) {
                        range.put(operator, bound);
                    }
                });
            }
        }
        return range.isEmpty() ? null : range;
    }

    /** What a unique index is asked for a condition: a plain value, or {@code $in} of plain values; else null. */
    private static @Nullable Object uniqueLookup(Object condition) {
        if (condition instanceof Document operators && operators.size() == 1) {
            if (operators.containsKey("$eq") && SecondaryIndex.isPlainValue(operators.get("$eq"))) {
                return operators.get("$eq");
            }
            if (operators.get("$in") instanceof Collection<?> values
                    && values.stream().allMatch(SecondaryIndex::isPlainValue)) {
                return operators;
            }
            return null;
        }
        return SecondaryIndex.isPlainValue(condition) ? condition : null;
    }
}
