package org.village.devstack.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The database's own count of the commands each collection served and the time they took ({@code top}, which
 * MongoDB answers and Village's stand-in answers the same way): read before and after a rate, it tells how many
 * round trips an intake cost, collection by collection and by kind of command.
 */
final class DatabaseTop implements AutoCloseable {

    /** The kinds of command {@code top} tells apart, and all of them together. */
    static final List<String> KINDS = List.of("total", "queries", "getmore", "insert", "update", "remove", "commands");

    /** Commands served and the microseconds they took, so far: in all ("total") and by kind. */
    record Usage(Map<String, long[]> byKind) {

        long commands() {
            return byKind.getOrDefault("total", new long[2])[0];
        }

        long micros() {
            return byKind.getOrDefault("total", new long[2])[1];
        }

        Usage minus(Usage before) {
            Map<String, long[]> difference = new LinkedHashMap<>();
            byKind.forEach((kind, now) -> {
                long[] then = before.byKind().getOrDefault(kind, new long[2]);
                difference.put(kind, new long[] {now[0] - then[0], now[1] - then[1]});
            });
            return new Usage(difference);
        }
    }

    /** Commands and milliseconds one intake cost on a collection, in all and by kind of command. */
    record Share(double commands, double millis, Map<String, double[]> byKind) {}

    private final MongoClient client;

    DatabaseTop(String uri) {
        this.client = MongoClients.create(uri);
    }

    /** Every collection's usage so far, by "database.collection". */
    Map<String, Usage> read() {
        Document totals =
                client.getDatabase("admin").runCommand(new Document("top", 1)).get("totals", Document.class);
        Map<String, Usage> usage = new LinkedHashMap<>();
        totals.forEach((namespace, value) -> {
            if (value instanceof Document collection) {
                Map<String, long[]> byKind = new LinkedHashMap<>();
                for (String kind : KINDS) {
                    if (collection.get(kind) instanceof Document timer
                            && timer.get("count") instanceof Number count
                            && timer.get("time") instanceof Number time) {
                        byKind.put(kind, new long[] {count.longValue(), time.longValue()});
                    }
                }
                usage.put(namespace, new Usage(byKind));
            }
        });
        return usage;
    }

    /** What happened between two readings, per intake, by collection, the costliest first. */
    static Map<String, Share> perIntake(Map<String, Usage> before, Map<String, Usage> after, long intakes) {
        double per = Math.max(1, intakes);
        Map<String, Share> shares = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(entry -> Map.entry(
                        entry.getKey(),
                        entry.getValue().minus(before.getOrDefault(entry.getKey(), new Usage(Map.of())))))
                .filter(entry -> entry.getValue().commands() > 0)
                .sorted((a, b) ->
                        Long.compare(b.getValue().micros(), a.getValue().micros()))
                .forEach(entry -> {
                    Map<String, double[]> byKind = new LinkedHashMap<>();
                    entry.getValue().byKind().forEach((kind, figures) -> {
                        if (!kind.equals("total") && figures[0] > 0) {
                            byKind.put(kind, new double[] {figures[0] / per, figures[1] / 1000.0 / per});
                        }
                    });
                    shares.put(
                            entry.getKey(),
                            new Share(
                                    entry.getValue().commands() / per,
                                    entry.getValue().micros() / 1000.0 / per,
                                    byKind));
                });
        return shares;
    }

    @Override
    public void close() {
        client.close();
    }
}
