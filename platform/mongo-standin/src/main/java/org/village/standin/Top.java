package org.village.standin;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * MongoDB's {@code top} administrative command, which mongo-java-server does not have: for every collection, how
 * many commands it served and how long they took (microseconds, the wait for the collection's lock included),
 * in total, by lock kind and by kind of command. What {@code ./village bench} reads to count the database round
 * trips an intake costs, collection by collection; on MongoDB it reads the same command.
 */
final class Top {

    private final Map<String, Usage> collections = new ConcurrentHashMap<>();

    /** One command on {@code namespace} ("database.collection") that took {@code nanos}. */
    void record(String namespace, String verb, boolean write, long nanos) {
        Usage usage = collections.computeIfAbsent(namespace, key -> new Usage());
        long micros = TimeUnit.NANOSECONDS.toMicros(nanos);
        usage.total.add(micros);
        (write ? usage.writeLock : usage.readLock).add(micros);
        usage.byKind(verb).add(micros);
    }

    /** The answer to {@code {top: 1}}, shaped as MongoDB's. */
    Document answer() {
        Document totals = new Document("note", "all times in microseconds");
        collections.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> totals.put(entry.getKey(), entry.getValue().document()));
        return new Document("totals", totals).append("ok", 1.0);
    }

    /** True for a command that asks for {@code top}. */
    static boolean asks(Document command) {
        return !command.isEmpty() && command.keySet().iterator().next().equals("top");
    }

    private static final class Usage {
        final Timer total = new Timer();
        final Timer readLock = new Timer();
        final Timer writeLock = new Timer();
        final Timer queries = new Timer();
        final Timer getmore = new Timer();
        final Timer insert = new Timer();
        final Timer update = new Timer();
        final Timer remove = new Timer();
        final Timer commands = new Timer();

        Timer byKind(String verb) {
            return switch (verb) {
                case "find" -> queries;
                case "getmore" -> getmore;
                case "insert" -> insert;
                case "update" -> update;
                case "delete" -> remove;
                default -> commands;
            };
        }

        Document document() {
            return new Document("total", total.document())
                    .append("readLock", readLock.document())
                    .append("writeLock", writeLock.document())
                    .append("queries", queries.document())
                    .append("getmore", getmore.document())
                    .append("insert", insert.document())
                    .append("update", update.document())
                    .append("remove", remove.document())
                    .append("commands", commands.document());
        }
    }

    private static final class Timer {
        final LongAdder time = new LongAdder();
        final LongAdder count = new LongAdder();

        void add(long micros) {
            time.add(micros);
            count.increment();
        }

        Document document() {
            return new Document("time", time.sum()).append("count", count.sum());
        }
    }
}
