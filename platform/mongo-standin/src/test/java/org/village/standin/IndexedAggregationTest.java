package org.village.standin;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An aggregation that starts with $match is given its collection narrowed to what the match finds. */
class IndexedAggregationTest {

    @Test
    void aLeadingMatchIsFoundAndNothingElse() {
        Document match = new Document("agencyId", "bridges");
        assertThat(IndexedAggregation.of(aggregate(List.of(new Document("$match", match), group()))))
                .isEqualTo(new IndexedAggregation.Leading("cases", match));
        assertThat(IndexedAggregation.of(aggregate(List.of(group())))).isNull();
        assertThat(IndexedAggregation.of(aggregate(List.of(new Document("$match", new Document()), group()))))
                .isNull();
        assertThat(IndexedAggregation.of(new Document("find", "cases"))).isNull();
    }

    @Test
    void theNarrowedCollectionReadsOnlyWhatMatchesAndIsOtherwiseTheCollection() {
        MongoDatabase database = new IndexedBackends.Memory().openOrCreateDatabase("test");
        @SuppressWarnings("unchecked")
        MongoCollection<Integer> cases = (MongoCollection<Integer>) database.createCollectionOrThrowIfExists("cases");
        for (int i = 0; i < 10; i++) {
            cases.addDocument(new Document("_id", "c-" + i).append("agencyId", i % 2 == 0 ? "bridges" : "harbor"));
        }
        MongoCollection<Integer> narrowed = IndexedAggregation.narrowed(cases, new Document("agencyId", "bridges"));

        assertThat(narrowed.queryAllAsStream()
                        .map(doc -> doc.get("agencyId"))
                        .distinct()
                        .toList())
                .containsExactly("bridges");
        assertThat(narrowed.queryAllAsStream().count()).isEqualTo(5);
        assertThat(narrowed.count()).isEqualTo(10);
        assertThat(narrowed.getCollectionName()).isEqualTo("cases");
    }

    private static Document aggregate(List<Document> pipeline) {
        return new Document("aggregate", "cases").append("pipeline", pipeline);
    }

    private static Document group() {
        return new Document("$group", new Document("_id", "$advocate").append("n", new Document("$sum", 1)));
    }
}
