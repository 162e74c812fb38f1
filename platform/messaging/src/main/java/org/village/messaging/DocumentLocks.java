package org.village.messaging;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serializes, within one instance, the writes to one document. MongoDB applies each update to a document
 * atomically; the in-process stand-in used by the local stack and the tests does not, so two concurrent
 * conditional updates (a versioned change and the outbox relay's removal of published events, say) could
 * interleave there, and a read could see an update half applied (a version already counted up, the change it
 * counts not yet there). Every write to a document that carries an outbox goes through here, and so does every
 * read that a conditional write decides from.
 */
public final class DocumentLocks {

    private static final int STRIPES = 256;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public DocumentLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Runs one write to the document {@code id} of {@code collection}, alone among this instance's writes to it. */
    public <T> T write(String collection, Object id, Supplier<T> write) {
        return alone(collection, id, write);
    }

    /** Reads the document {@code id} of {@code collection} as no write of this instance is under way on it. */
    public <T> T read(String collection, Object id, Supplier<T> read) {
        return alone(collection, id, read);
    }

    private <T> T alone(String collection, Object id, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod((collection + "/" + id).hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
