package org.village.standin;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A non-unique index, which mongo-java-server does not have (it accepts one and ignores it, so every query on a
 * field other than {@code _id} or a unique key reads the whole collection). This one keeps the documents' values
 * of the index's first key in order and answers a query that asks that key for a value, values ({@code $in}) or
 * a range ({@code $lt}, {@code $lte}, {@code $gt}, {@code $gte}) with the documents that have such a value: never
 * fewer than match, since the server still matches each one against the whole query. Kept in memory and built
 * from the documents when the collection is opened, for either backend.
 */
final class SecondaryIndex<P> extends Index<P> {

    private static final Set<String> USABLE = Set.of("$eq", "$in", "$lt", "$lte", "$gt", "$gte");

    private final String first;
    private final NavigableMap<Object, Set<P>> byValue = new TreeMap<>(ValueComparator.ascWithoutListHandling());
    private final Map<Object, P> positionOfId = new HashMap<>();
    private final Map<P, List<Object>> valuesAt = new HashMap<>();

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.first = keys.get(0).getKey();
    }

    @Override
    public synchronized @Nullable P getPosition(Document document) {
        return positionOfId.get(document.get("_id"));
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        // not unique: any document may be added
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        List<Object> values = firstValues(document);
        for (Object value : values) {
            byValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(position);
        }
        valuesAt.put(position, values);
        positionOfId.put(document.get("_id"), position);
    }

    @Override
    public synchronized @Nullable P remove(Document document) {
        P position = positionOfId.remove(document.get("_id"));
        if (position != null) {
            forget(position);
        }
        return position;
    }

    private void forget(P position) {
        List<Object> values = valuesAt.remove(position);
        if (values == null) {
            return;
        }
        for (Object value : values) {
            Set<P> positions = byValue.get(value);
            if (positions != null) {
                positions.remove(position);
                if (positions.isEmpty()) {
                    byValue.remove(value);
                }
            }
        }
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        // not unique: any change is allowed
    }

    @Override
    public synchronized void updateInPlace(
            Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        forget(position);
        positionOfId.remove(oldDocument.get("_id"));
        add(newDocument, position, collection);
    }

    /**
     * The first key's values in a document: one, or each element of an array on its path; none when it is null or
     * missing (a query for null is never answered from here).
     */
    private List<Object> firstValues(Document document) {
        Set<Object> values = new LinkedHashSet<>();
        for (KeyValue key : getKeyValues(document)) {
            Object value = key.get(0);
            if (Missing.isNeitherNullNorMissing(value)) {
                values.add(value);
            }
        }
        return new ArrayList<>(values);
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        if (!query.containsKey(first)) {
            return false;
        }
        Object wanted = query.get(first);
        if (wanted instanceof Document condition) {
            if (!isOperatorDocument(condition)) {
                return true; // an embedded document, compared whole
            }
            if (condition.containsKey("$in")) {
                return condition.get("$in") instanceof Collection<?> values
                        && values.stream().allMatch(SecondaryIndex::isPlainValue);
            }
            return condition.keySet().stream().anyMatch(USABLE::contains)
                    && condition.entrySet().stream()
                            .filter(e -> USABLE.contains(e.getKey()))
                            .allMatch(e -> isPlainValue(e.getValue()));
        }
        return isPlainValue(wanted);
    }

    private static boolean isOperatorDocument(Document condition) {
        return condition.keySet().stream().anyMatch(key -> key.startsWith("$"));
    }

    /**
     * A value an index can look up: a string, number, boolean, time or id. Not null (which also matches a missing
     * field), an array (which also matches the array itself) or a regular expression.
     */
    static boolean isPlainValue(@Nullable Object value) {
        return value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Date
                || value instanceof Instant
                || value instanceof ObjectId
                || value instanceof UUID;
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        Object wanted = query.get(first);
        Set<P> found = new LinkedHashSet<>();
        if (wanted instanceof Document condition && isOperatorDocument(condition)) {
            if (condition.containsKey("$eq")) {
                found.addAll(byValue.getOrDefault(condition.get("$eq"), Set.of()));
            } else if (condition.containsKey("$in")) {
                for (Object value : (Collection<?>) condition.get("$in")) {
                    found.addAll(byValue.getOrDefault(value, Set.of()));
                }
            } else {
                range(condition).values().forEach(found::addAll);
            }
        } else if (wanted != null) {
            found.addAll(byValue.getOrDefault(wanted, Set.of()));
        }
        // in the collection's own order (the memory backend's insertion order, the H2 file's key order), as a
        // query read without an index would find them
        List<P> positions = new ArrayList<>(found);
        positions.sort(ValueComparator.asc());
        return positions;
    }

    private NavigableMap<Object, Set<P>> range(Document condition) {
        NavigableMap<Object, Set<P>> range = byValue;
        if (condition.containsKey("$gt")) {
            range = range.tailMap(condition.get("$gt"), false);
        } else if (condition.containsKey("$gte")) {
            range = range.tailMap(condition.get("$gte"), true);
        }
        if (condition.containsKey("$lt")) {
            range = range.headMap(condition.get("$lt"), false);
        } else if (condition.containsKey("$lte")) {
            range = range.headMap(condition.get("$lte"), true);
        }
        return range;
    }

    /** True when this index has {@code field} as its only key. */
    boolean isOnlyOn(String field) {
        return getKeys().size() == 1 && first.equals(field);
    }

    /** How many documents hold {@code value} in the indexed field (each counted once). */
    synchronized long count(Object value) {
        return byValue.getOrDefault(value, Set.of()).size();
    }

    @Override
    public synchronized long getCount() {
        return positionOfId.size();
    }

    @Override
    public synchronized boolean isEmpty() {
        return positionOfId.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public synchronized void drop() {
        byValue.clear();
        positionOfId.clear();
        valuesAt.clear();
    }

    @Override
    public boolean isUnique() {
        return false;
    }
}
