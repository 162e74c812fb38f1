package org.village.standin;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code countDocuments}, answered from the indexes. The Java driver counts with an aggregation
 * ({@code [{$match: q}, {$skip}?, {$limit}?, {$group: {_id: 1, n: {$sum: 1}}}]}), and mongo-java-server runs every
 * aggregation over the whole collection, index or not; the same count asked as a {@code count} command uses the
 * indexes. The answer is given back in the aggregation's own shape.
 */
final class CountRewrite {

    private CountRewrite() {}

    /**
     * The count's answer when {@code command} is the driver's count aggregation, asked of {@code count} (which
     * runs a {@code count} command); empty for any other command.
     */
    static Optional<Document> answer(String database, Document command, UnaryOperator<Document> count) {
        Object collection = command.get("aggregate");
        if (!(collection instanceof String name) || !(command.get("pipeline") instanceof List<?> pipeline)) {
            return Optional.empty();
        }
        if (pipeline.size() < 2
                || !(pipeline.get(0) instanceof Document first)
                || !(first.get("$match") instanceof Document match)
                || first.size() != 1
                || !isCountGroup(pipeline.get(pipeline.size() - 1))) {
            return Optional.empty();
        }
        Document asked = new Document("count", name).append("query", match).append("$db", database);
        for (Object stage : pipeline.subList(1, pipeline.size() - 1)) {
            if (stage instanceof Document step && step.size() == 1 && step.get("$skip") instanceof Number skip) {
                asked.append("skip", skip.intValue());
            } else if (stage instanceof Document step
                    && step.size() == 1
                    && step.get("$limit") instanceof Number limit) {
                asked.append("limit", limit.intValue());
            } else {
                return Optional.empty();
            }
        }
        Document counted = count.apply(asked);
        long n = counted.get("n") instanceof Number number ? number.longValue() : 0;
        List<Document> batch = new ArrayList<>();
        if (n > 0) {
            batch.add(new Document("_id", 1).append("n", n));
        }
        Document cursor = new Document("firstBatch", batch).append("id", 0L).append("ns", database + "." + name);
        return Optional.of(new Document("cursor", cursor).append("ok", 1.0));
    }

    /** {@code {$group: {_id: 1, n: {$sum: 1}}}}, as the driver writes it. */
    private static boolean isCountGroup(Object stage) {
        return stage instanceof Document step
                && step.size() == 1
                && step.get("$group") instanceof Document group
                && group.size() == 2
                && group.get("_id") instanceof Number id
                && id.intValue() == 1
                && group.get("n") instanceof Document sum
                && sum.size() == 1
                && sum.get("$sum") instanceof Number one
                && one.intValue() == 1;
    }
}
