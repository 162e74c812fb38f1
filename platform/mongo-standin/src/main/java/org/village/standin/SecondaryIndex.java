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
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A non-unique index, which mongo-java-server does not have (it accepts one and ignores it, so every query on a
 * field other than {@code _id} or a unique key reads the whole collection). This one keeps the documents' values
 * of the index's first key in order and answers a query that asks that key for a value, values ({@code $in}) or
 * a range ({@code $lt}, {@code $lte}, {@code $gt}, {@code $gte}) with the documents that have such a value: never
 * fewer than match, since the server still matches each one against the whole query. A compound index also keeps
 * each first value's documents in the order of its other keys, so that a query fixing the first key and sorting
 * by the others reads only as far as its limit ({@link QueryPlanner}). Kept in memory and built from the documents
 * when the collection is opened, for either backend.
 */
final class SecondaryIndex<P> extends Index<P> {

    private static final Set<String> USABLE = Set.of("$eq", "$in", "$lt", "$lte", "$gt", "$gte");

    private final String first;
    private final NavigableMap<Object, Set<P>> byValue = new TreeMap<>(ValueComparator.ascWithoutListHandling());
    private final Map<Object, P> positionOfId = new HashMap<>();
    private final Map<P, List<KeyValue>> valuesAt = new HashMap<>();

    /**
     * Of a compound index, each first value's entries in the index's order (its other keys, each ascending or
     * descending, then the position): what a query that fixes the first key and sorts by the others walks.
     */
    private final Map<Object, NavigableSet<Entry<P>>> ordered = new HashMap<>();

    /**
     * The documents whose entries do not sort as the documents would (an array or no value in a later key, or
     * several entries under one first value): while there is one, no sort is answered by walking this index.
     */
    private final Set<P> irregular = new HashSet<>();

    /**
     * Of those, the documents with several entries under one first value (an array in a later key): while there
     * is one, no range of the second key is read by walking this index either (a missing value only sorts first).
     */
    private final Set<P> multiple = new HashSet<>();

    private final Comparator<Entry<P>> order;

    /** One entry of a compound index: the values of its keys after the first, and the document's position. */
    record Entry<P>(List<Object> rest, P position) {}

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.first = keys.get(0).getKey();
        List<IndexKey> later = keys.subList(1, keys.size());
        this.order = (a, b) -> {
            for (int i = 0; i < later.size(); i++) {
                int c = ValueComparator.ascWithoutListHandling()
                        .compare(a.rest().get(i), b.rest().get(i));
                if (c != 0) {
                    return later.get(i).isAscending() ? c : -c;
                }
            }
            return ValueComparator.asc().compare(a.position(), b.position());
        };
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
        List<KeyValue> entries = entries(document);
        Set<Object> firsts = new HashSet<>();
        boolean plain = true;
        boolean single = true;
        for (KeyValue entry : entries) {
            Object value = entry.get(0);
            byValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(position);
            if (isCompoundIndex()) {
                List<Object> rest = rest(entry);
                ordered.computeIfAbsent(value, v -> new TreeSet<>(order)).add(new Entry<>(rest, position));
                single &= firsts.add(value);
                plain &= rest.stream().allMatch(SecondaryIndex::isPlainValue);
            }
        }
        if (!plain || !single) {
            irregular.add(position);
        }
        if (!single) {
            multiple.add(position);
        }
        valuesAt.put(position, entries);
        positionOfId.put(document.get("_id"), position);
    }

    private static List<Object> rest(KeyValue entry) {
        List<Object> rest = new ArrayList<>(entry.size() - 1);
        for (int i = 1; i < entry.size(); i++) {
            rest.add(entry.get(i));
        }
        return rest;
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
        List<KeyValue> entries = valuesAt.remove(position);
        irregular.remove(position);
        multiple.remove(position);
        if (entries == null) {
            return;
        }
        for (KeyValue entry : entries) {
            Object value = entry.get(0);
            Set<P> positions = byValue.get(value);
            if (positions != null) {
                positions.remove(position);
                if (positions.isEmpty()) {
                    byValue.remove(value);
                }
            }
            NavigableSet<Entry<P>> inOrder = ordered.get(value);
            if (inOrder != null) {
                inOrder.remove(new Entry<>(rest(entry), position));
                if (inOrder.isEmpty()) {
                    ordered.remove(value);
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
     * A document's entries: one, or one for each element of an array on a key's path; none with the first key
     * null or missing (a query for null is never answered from here).
     */
    private List<KeyValue> entries(Document document) {
        List<KeyValue> entries = new ArrayList<>();
        for (KeyValue key : getKeyValues(document)) {
            if (Missing.isNeitherNullNorMissing(key.get(0))) {
                entries.add(key);
            }
        }
        return entries;
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

    /** The index's first key. */
    String first() {
        return first;
    }

    /**
     * Whether walking this index's entries under one first value gives documents in {@code orderBy}'s order:
     * forwards (true) or backwards (false); empty when it does not (another order, too many keys, or an irregular
     * document). A sort that starts with the first key itself (fixed by the query) is read from the key after it.
     */
    synchronized Optional<Boolean> walks(Document orderBy) {
        List<IndexKey> keys = getKeys();
        List<String> sortKeys = new ArrayList<>(orderBy.keySet());
        if (!sortKeys.isEmpty() && sortKeys.get(0).equals(first)) {
            sortKeys.remove(0);
        }
        if (keys.size() < 2 || sortKeys.isEmpty() || sortKeys.size() > keys.size() - 1 || !irregular.isEmpty()) {
            return Optional.empty();
        }
        Boolean forward = null;
        for (int i = 0; i < sortKeys.size(); i++) {
            IndexKey key = keys.get(i + 1);
            if (!key.getKey().equals(sortKeys.get(i))
                    || !(orderBy.get(sortKeys.get(i)) instanceof Number direction)
                    || Math.abs(direction.intValue()) != 1) {
                return Optional.empty();
            }
            boolean same = (direction.intValue() == 1) == key.isAscending();
            if (forward != null && forward != same) {
                return Optional.empty();
            }
            forward = same;
        }
        return Optional.ofNullable(forward);
    }

    /**
     * The first {@code wanted} results of {@code examine} over the documents whose first key holds {@code value},
     * in this index's order (or its reverse), skipping those it answers null for: a sorted, limited query reads
     * as many documents as it returns, plus those that do not match, however many there are.
     */
    synchronized <T> List<T> firstInOrder(Object value, boolean forward, int wanted, Function<P, @Nullable T> examine) {
        NavigableSet<Entry<P>> entries = ordered.getOrDefault(value, Collections.emptyNavigableSet());
        List<T> found = new ArrayList<>();
        for (Entry<P> entry : forward ? entries : entries.descendingSet()) {
            if (found.size() >= wanted) {
                break;
            }
            T result = examine.apply(entry.position());
            if (result != null) {
                found.add(result);
            }
        }
        return found;
    }

    /**
     * The documents whose first key holds {@code value} and whose second key is within {@code range} (its
     * {@code $gt}, {@code $gte}, {@code $lt} and {@code $lte}; documents without a second key among them when the
     * range has no lower bound), read in the second key's order from the lower bound to the upper: a query such as
     * "this advocate's cases due by tonight" reads what is due, not everything the advocate has. Empty when this
     * index cannot (not compound, or a document with several entries).
     */
    synchronized Optional<List<P>> within(Object value, Document range) {
        if (getKeys().size() < 2 || !multiple.isEmpty()) {
            return Optional.empty();
        }
        NavigableSet<Entry<P>> entries = ordered.getOrDefault(value, Collections.emptyNavigableSet());
        Comparator<Object> values = ValueComparator.ascWithoutListHandling();
        List<P> found = new ArrayList<>();
        for (Entry<P> entry : getKeys().get(1).isAscending() ? entries : entries.descendingSet()) {
            Object second = entry.rest().get(0);
            if (beyond(values, second, range)) {
                break;
            }
            if (before(values, second, range)) {
                continue;
            }
            found.add(entry.position());
        }
        return Optional.of(found);
    }

    private static boolean beyond(Comparator<Object> values, Object value, Document range) {
        return (range.containsKey("$lt") && values.compare(value, range.get("$lt")) >= 0)
                || (range.containsKey("$lte") && values.compare(value, range.get("$lte")) > 0);
    }

    private static boolean before(Comparator<Object> values, Object value, Document range) {
        return (range.containsKey("$gt") && values.compare(value, range.get("$gt")) <= 0)
                || (range.containsKey("$gte") && values.compare(value, range.get("$gte")) < 0);
    }

    /** The index's second key, or null when it has one key. */
    @Nullable
    String second() {
        return getKeys().size() < 2 ? null : getKeys().get(1).getKey();
    }

    /**
     * About how many documents a condition on the first key finds here: exact for a value or values, and a large
     * number for a range (read last, when nothing narrower is at hand).
     */
    synchronized long estimate(Object condition) {
        if (condition instanceof Document operators && isOperatorDocument(operators)) {
            if (operators.containsKey("$eq")) {
                return count(operators.get("$eq"));
            }
            if (operators.get("$in") instanceof Collection<?> values) {
                return values.stream().mapToLong(this::count).sum();
            }
            return Long.MAX_VALUE / 2;
        }
        return count(condition);
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
        ordered.clear();
        irregular.clear();
        multiple.clear();
    }

    @Override
    public boolean isUnique() {
        return false;
    }
}
