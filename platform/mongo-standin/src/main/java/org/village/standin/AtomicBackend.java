package org.village.standin;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * mongo-java-server as MongoDB behaves for one document: every write command (insert, update, delete,
 * findAndModify, index changes) applies alone on its collection, and no read of that collection sees it half
 * done. mongo-java-server changes a stored document field by field and answers a read with the stored document
 * itself, encoded after the command returned, so a reader could catch a version counted up before the change it
 * counts (and a compare-and-set decided from that would drop the change). Here each collection has a read-write
 * lock (writes take it alone, reads share it) and every answer is copied before the lock is let go. Every client
 * gets the same guarantee, so several instances of a service are as safe against it as against MongoDB. Each
 * such command is counted for {@link Top}.
 */
final class AtomicBackend implements MongoBackend {

    private static final Set<String> WRITES = Set.of(
            "insert",
            "update",
            "delete",
            "findandmodify",
            "createindexes",
            "dropindexes",
            "drop",
            "create",
            "renamecollection");

    private static final Set<String> READS = Set.of("find", "aggregate", "count", "distinct", "getmore", "listindexes");

    private final MongoBackend backend;
    private final Map<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();
    private final Top top = new Top();

    AtomicBackend(MongoBackend backend) {
        this.backend = backend;
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        if (Top.asks(message.getDocument())) {
            return top.answer();
        }
        String database = message.getDatabaseName();
        return counted(message.getChannel(), database, message.getDocument())
                .orElseGet(
                        () -> guarded(database, message.getDocument(), () -> snapshot(backend.handleMessage(message))));
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (Top.asks(query)) {
            return top.answer();
        }
        return counted(channel, database, query)
                .orElseGet(() -> guarded(
                        database, query, () -> snapshot(backend.handleCommand(channel, database, command, query))));
    }

    /** A count the driver asked as an aggregation, answered as a {@code count} command: from the indexes. */
    private Optional<Document> counted(Channel channel, String database, Document command) {
        return CountRewrite.answer(
                database,
                command,
                count -> guarded(database, count, () -> backend.handleCommand(channel, database, "count", count)));
    }

    /**
     * The answer as it is now. mongo-java-server answers with the stored documents themselves and writes them to
     * the connection later, after the lock is let go, while a write may be changing them field by field: the
     * copy, made under the lock, is what the client reads.
     */
    private static Document snapshot(Document answer) {
        return answer == null ? answer : answer.cloneDeeply();
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return backend.handleQuery(query);
    }

    private <T> T guarded(String database, Document command, Supplier<T> work) {
        Iterator<String> keys = command.keySet().iterator();
        if (!keys.hasNext()) {
            return work.get();
        }
        String name = keys.next();
        String verb = name.toLowerCase(java.util.Locale.ROOT);
        boolean write = WRITES.contains(verb);
        if (!write && !READS.contains(verb)) {
            return work.get();
        }
        Object collection = verb.equals("getmore") ? command.get("collection") : command.get(name);
        if (!(collection instanceof String)) {
            return work.get();
        }
        ReentrantReadWriteLock lock =
                locks.computeIfAbsent(database + "." + collection, key -> new ReentrantReadWriteLock());
        Lock held = write ? lock.writeLock() : lock.readLock();
        long begun = System.nanoTime();
        held.lock();
        try {
            return work.get();
        } finally {
            held.unlock();
            top.record(database + "." + collection, verb, write, System.nanoTime() - begun);
        }
    }

    @Override
    public void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        backend.dropDatabase(database);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return backend.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return backend.getServerStatus();
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return backend.getClock();
    }

    @Override
    public void enableOplog() {
        backend.enableOplog();
    }

    @Override
    public void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return backend.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }
}
