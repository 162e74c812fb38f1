package org.village.referral.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.village.referral.ReferralProperties;
import org.village.referral.domain.Shelter;

/** The {@value #COLLECTION} collection: one document per shelter with its bed ledger. */
@Component
public class ShelterStore {

    public static final String COLLECTION = "shelters";

    private final MongoCollection<Document> shelters;

    public ShelterStore(MongoDatabase database, ReferralProperties properties) {
        this.shelters = database.getCollection(COLLECTION);
        properties.shelters().forEach(this::seed);
    }

    /** Creates a configured shelter if it does not exist yet; an existing shelter's beds are left alone. */
    private void seed(ReferralProperties.ShelterSeed seed) {
        shelters.updateOne(Filters.eq("_id", seed.id()), Updates.combine(
                        Updates.setOnInsert("name", seed.name()),
                        Updates.setOnInsert("totalBeds", seed.totalBeds()),
                        Updates.setOnInsert("occupiedBeds", 0),
                        Updates.setOnInsert("heldBeds", 0),
                        Updates.setOnInsert("acceptsChildren", seed.acceptsChildren()),
                        Updates.setOnInsert("languages", seed.languages()),
                        Updates.setOnInsert("address", seed.address())),
                new UpdateOptions().upsert(true));
    }

    public List<Shelter> all() {
        List<Shelter> found = new ArrayList<>();
        shelters.find().sort(Sorts.ascending("name")).forEach(doc -> found.add(new Shelter(doc.getString("_id"),
                doc.getString("name"), doc.getInteger("totalBeds"), doc.getInteger("occupiedBeds"),
                doc.getInteger("heldBeds"), doc.getBoolean("acceptsChildren"),
                doc.getList("languages", String.class, List.of()), doc.getString("address"))));
        return found;
    }
}
