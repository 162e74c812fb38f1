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

    private static final Object[] NO_LATER_KEYS = {};

    private final String first;

    /**
     * Each first value's entries in the index's order (its other keys, each ascending or descending, then the
     * position; a one-key index's by position alone): what a query on the first key reads, and what a query that
     * fixes the first key and sorts by the others walks. One entry per document and first value, nothing else per
     * document: the local stack keeps every index of 100,000 intakes' documents in its heap.
     */
    private final NavigableMap<Object, NavigableSet<Entry<P>>> byValue =
            new TreeMap<>(ValueComparator.ascWithoutListHandling());

    /**
     * Where each document is, by its {@code _id}: null when a document's position is its {@code _id} (the H2
     * file's), so that only the memory backend keeps a second map.
     */
    private final @Nullable Map<Object, P> positionOfId;

    private long documents;

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

    /**
     * One entry: the values of the index's keys after the first (a value equal to the position held as the
     * position itself, as a keyset index's {@code _id} is on the H2 file), and the document's position.
     */
    static final class Entry<P> {

        private final Object[] rest;
        private final P position;

        Entry(Object[] rest, P position) {
            this.rest = rest;
            this.position = position;
        }

        Object rest(int i) {
            return rest[i];
        }

        P position() {
            return position;
        }
    }

    /** An index of the memory backend, whose positions are not the documents' {@code _id}s. */
    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        this(name, keys, sparse, false);
    }

    private SecondaryIndex(String name, List<IndexKey> keys, boolean sparse, boolean positionIsId) {
        super(name, keys, sparse);
        this.first = keys.get(0).getKey();
        this.positionOfId = positionIsId ? null : new HashMap<>();
        List<IndexKey> later = keys.subList(1, keys.size());
        this.order = (a, b) -> {
            for (int i = 0; i < later.size(); i++) {
                int c = ValueComparator.ascWithoutListHandling().compare(a.rest(i), b.rest(i));
                if (c != 0) {
                    return later.get(i).isAscending() ? c : -c;
                }
            }
            return ValueComparator.asc().compare(a.position(), b.position());
        };
    }

    /** An index of the H2 file, where a document's position is its {@code _id}. */
    static <P> SecondaryIndex<P> positionedById(String name, List<IndexKey> keys, boolean sparse) {
        return new SecondaryIndex<>(name, keys, sparse, true);
    }

    @Override
    public synchronized @Nullable P getPosition(Document document) {
        return positionOf(document);
    }

    @SuppressWarnings("unchecked")
    private @Nullable P positionOf(Document document) {
        Object id = document.get("_id");
        return positionOfId == null ? (P) Missing.ofNullable(id) : positionOfId.get(id);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        // not unique: any document may be added
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        insert(entries(document), position);
        if (positionOfId != null) {
            positionOfId.put(document.get("_id"), position);
        }
        documents++;
    }

    private void insert(List<KeyValue> entries, P position) {
        Set<Object> firsts = new HashSet<>();
        boolean plain = true;
        boolean single = true;
        for (KeyValue entry : entries) {
            Object value = entry.get(0);
            Object[] rest = rest(entry, position);
            byValue.computeIfAbsent(value, v -> new TreeSet<>(order)).add(new Entry<>(rest, position));
            if (isCompoundIndex()) {
                single &= firsts.add(value);
                for (Object later : rest) {
                    plain &= isPlainValue(later);
                }
            }
        }
        if (!plain || !single) {
            irregular.add(position);
        }
        if (!single) {
            multiple.add(position);
        }
    }

    private static Object[] rest(KeyValue entry, Object position) {
        if (entry.size() == 1) {
            return NO_LATER_KEYS;
        }
        Object[] rest = new Object[entry.size() - 1];
        for (int i = 1; i < entry.size(); i++) {
            Object value = entry.get(i);
            rest[i - 1] = position.equals(value) ? position : value;
        }
        return rest;
    }

    @Override
    public synchronized @Nullable P remove(Document document) {
        P position = positionOfId == null ? positionOf(document) : positionOfId.remove(document.get("_id"));
        if (position != null) {
            forget(entries(document), position);
            documents--;
        }
        return position;
    }

    /** Removes a document's entries, as {@link #entries} gives them for the document as it was indexed. */
    private void forget(List<KeyValue> entries, P position) {
        irregular.remove(position);
        multiple.remove(position);
        for (KeyValue entry : entries) {
            Object value = entry.get(0);
            NavigableSet<Entry<P>> inOrder = byValue.get(value);
            if (inOrder != null) {
                inOrder.remove(new Entry<>(rest(entry, position), position));
                if (inOrder.isEmpty()) {
                    byValue.remove(value);
                }
            }
        }
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        // not unique: any change is allowed
    }

    /** Changes the entries only when the indexed values changed: most updates change other fields. */
    @Override
    public synchronized void updateInPlace(
            Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        List<KeyValue> before = entries(oldDocument);
        List<KeyValue> after = entries(newDocument);
        if (!before.equals(after)) {
            forget(before, position);
            insert(after, position);
        }
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
                addPositions(found, byValue.get(condition.get("$eq")));
            } else if (condition.containsKey("$in")) {
                for (Object value : (Collection<?>) condition.get("$in")) {
                    addPositions(found, byValue.get(value));
                }
            } else {
                range(condition).values().forEach(entries -> addPositions(found, entries));
            }
        } else if (wanted != null) {
            addPositions(found, byValue.get(wanted));
        }
        // in the collection's own order (the memory backend's insertion order, the H2 file's key order), as a
        // query read without an index would find them
        List<P> positions = new ArrayList<>(found);
        positions.sort(ValueComparator.asc());
        return positions;
    }

    private static <P> void addPositions(Set<P> found, @Nullable Collection<Entry<P>> entries) {
        if (entries != null) {
            for (Entry<P> entry : entries) {
                found.add(entry.position());
            }
        }
    }

    private NavigableMap<Object, NavigableSet<Entry<P>>> range(Document condition) {
        NavigableMap<Object, NavigableSet<Entry<P>>> range = byValue;
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
        NavigableSet<Entry<P>> entries = byValue.getOrDefault(value, Collections.emptyNavigableSet());
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
        NavigableSet<Entry<P>> entries = byValue.getOrDefault(value, Collections.emptyNavigableSet());
        Comparator<Object> values = ValueComparator.ascWithoutListHandling();
        List<P> found = new ArrayList<>();
        for (Entry<P> entry : getKeys().get(1).isAscending() ? entries : entries.descendingSet()) {
            Object second = entry.rest(0);
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
        NavigableSet<Entry<P>> entries = byValue.get(value);
        return entries == null ? 0 : entries.size();
    }

    @Override
    public synchronized long getCount() {
        return documents;
    }

    @Override
    public synchronized boolean isEmpty() {
        return documents == 0;
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public synchronized void drop() {
        byValue.clear();
        if (positionOfId != null) {
            positionOfId.clear();
        }
        documents = 0;
        irregular.clear();
        multiple.clear();
    }

    @Override
    public boolean isUnique() {
        return false;
    }
}
