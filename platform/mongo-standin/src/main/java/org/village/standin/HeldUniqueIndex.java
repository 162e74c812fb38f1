package org.village.standin;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A unique index held in memory, built from the documents when the collection is opened (as the
 * {@link SecondaryIndex}es are), for the H2 backend. Its own unique index keeps each key in an H2 map whose keys
 * (mongo-java-server's {@link KeyValue}, not comparable) H2 compares by serializing both with Java serialization:
 * every lookup by {@code _id} serialized a dozen keys, a fifth of the stand-in's time under load. A one-key index
 * keeps the key's value itself (the position, when it is the {@code _id} that the H2 file keys a document by), not
 * a {@link KeyValue} around a copy of it: every document of the local stack is in one.
 */
final class HeldUniqueIndex<P> extends AbstractUniqueIndex<P> {

    private final Map<Object, P> positions = new HashMap<>();

    HeldUniqueIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
    }

    private Object held(KeyValue key) {
        return key.size() == 1 ? key.get(0) : key;
    }

    private KeyValue given(Object held) {
        return held instanceof KeyValue key ? key : new KeyValue(held);
    }

    @Override
    protected synchronized @Nullable P removeDocument(KeyValue key) {
        return positions.remove(held(key));
    }

    @Override
    protected synchronized boolean putKeyPosition(KeyValue key, P position) {
        Object held = held(key);
        return positions.putIfAbsent(position.equals(held) ? position : held, position) == null;
    }

    @Override
    protected synchronized Iterable<Map.Entry<KeyValue, P>> getIterable() {
        return positions.entrySet().stream()
                .map(entry -> (Map.Entry<KeyValue, P>)
                        new AbstractMap.SimpleImmutableEntry<>(given(entry.getKey()), entry.getValue()))
                .toList();
    }

    @Override
    protected synchronized @Nullable P getPosition(KeyValue key) {
        return positions.get(held(key));
    }

    @Override
    public synchronized long getCount() {
        return positions.size();
    }

    @Override
    public synchronized boolean isEmpty() {
        return positions.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public synchronized void drop() {
        positions.clear();
    }
}
