package org.village.notification.store;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Settings read on every event (a user's channels, an organisation's webhooks), kept on this instance for a short
 * while: a change made here is seen at once, one made on another instance within {@code keptFor}. At most
 * {@code capacity} entries are kept; when full, everything is forgotten and read again.
 */
final class ShortLived<K, V> {

    private final long keptForNanos;
    private final int capacity;
    private final Map<K, Kept<V>> kept = new ConcurrentHashMap<>();
    /** Counts the changes made here: a value read before one of them is not kept (it may be the old one). */
    private final AtomicLong changes = new AtomicLong();

    ShortLived(Duration keptFor, int capacity) {
        this.keptForNanos = keptFor.toNanos();
        this.capacity = capacity;
    }

    private record Kept<V>(V value, long readAt) {}

    /** The value kept for {@code key}, if it was read less than {@code keptFor} ago. */
    Optional<V> get(K key) {
        Kept<V> found = kept.get(key);
        if (found == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - found.readAt() >= keptForNanos) {
            kept.remove(key, found);
            return Optional.empty();
        }
        return Optional.of(found.value());
    }

    /** To be taken before reading the values to {@link #put} from the database. */
    long beforeReading() {
        return changes.get();
    }

    /**
     * Keeps a value read after {@code beforeReading}, unless this instance changed something since (or values
     * are not kept at all).
     */
    void put(K key, V value, long beforeReading) {
        if (keptForNanos <= 0 || changes.get() != beforeReading) {
            return;
        }
        if (kept.size() >= capacity) {
            kept.clear();
        }
        Kept<V> entry = new Kept<>(value, System.nanoTime());
        kept.put(key, entry);
        if (changes.get() != beforeReading) {
            kept.remove(key, entry); // a change came between the check above and this put
        }
    }

    /** Forgets a key whose value this instance has just changed (called once the change is written). */
    void forget(K key) {
        changes.incrementAndGet();
        kept.remove(key);
    }

    /** Forgets everything kept (called once a change is written whose keys are not known here). */
    void forgetAll() {
        changes.incrementAndGet();
        kept.clear();
    }
}
