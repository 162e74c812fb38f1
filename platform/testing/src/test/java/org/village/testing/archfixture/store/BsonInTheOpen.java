package org.village.testing.archfixture.store;

import java.util.List;
import org.bson.conversions.Bson;

/** Breaks the store rule: its callers would build the query. */
public class BsonInTheOpen {

    public List<String> find(Bson filter) {
        return List.of(filter.toString());
    }

    /** Within the rule: what it finds is said by its name and domain arguments. */
    public List<String> ofCase(String caseId) {
        return List.of(caseId);
    }
}
