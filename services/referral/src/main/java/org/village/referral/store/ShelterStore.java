package org.village.referral.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import com.mongodb.client.result.UpdateResult;
import org.village.events.BedAvailabilityChanged;
import org.village.messaging.DocumentLocks;
import org.village.messaging.Outbox;
import org.village.messaging.OutboxRelay;
import org.village.referral.domain.BedLedger;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.village.referral.ReferralProperties;
import org.village.referral.domain.Shelter;

/** The {@value #COLLECTION} collection: one document per shelter with its bed ledger and pending events. */
@Component
public class ShelterStore {

    public static final String COLLECTION = "shelters";

    private static final int MAX_ATTEMPTS = 20;

    private final MongoCollection<Document> shelters;
    private final OutboxRelay relay;
    private final DocumentLocks locks;

    public ShelterStore(MongoDatabase database, ReferralProperties properties, OutboxRelay relay, DocumentLocks locks) {
        this.shelters = database.getCollection(COLLECTION);
        this.relay = relay;
        this.locks = locks;
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
        shelters.find().sort(Sorts.ascending("name")).forEach(doc -> found.add(fromDocument(doc)));
        return found;
    }

    public Optional<Shelter> find(String shelterId) {
        return Optional.ofNullable(shelters.find(Filters.eq("_id", shelterId)).first()).map(ShelterStore::fromDocument);
    }

    /**
     * Applies the staff's recount of total and occupied beds, in one write with its
     * {@code bed-availability-changed} event, only if no hold or count changed since it was read (else reads
     * again), so a recount never drops a hold.
     */
    public Shelter recount(String shelterId, int total, int occupied, Instant now) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Shelter current = find(shelterId).orElseThrow();
            Shelter next = BedLedger.recount(current, total, occupied);
            BedAvailabilityChanged event = new BedAvailabilityChanged(shelterId, next.totalBeds(), next.occupiedBeds(),
                    next.heldBeds(), next.availableBeds());
            UpdateResult result = locks.write(COLLECTION, shelterId, () -> shelters.updateOne(
                    Filters.and(Filters.eq("_id", shelterId), Filters.eq("totalBeds", current.totalBeds()),
                            Filters.eq("occupiedBeds", current.occupiedBeds()), Filters.eq("heldBeds", current.heldBeds())),
                    Updates.combine(Updates.set("totalBeds", next.totalBeds()), Updates.set("occupiedBeds", next.occupiedBeds()),
                            Outbox.append(now, List.of(event)))));
            if (result.getMatchedCount() > 0) {
                relay.publishSoon(COLLECTION, shelterId);
                return next;
            }
        }
        throw new IllegalStateException("The beds of " + shelterId + " are changing too fast to recount");
    }

    private static Shelter fromDocument(Document doc) {
        return new Shelter(doc.getString("_id"), doc.getString("name"), doc.getInteger("totalBeds"),
                doc.getInteger("occupiedBeds"), doc.getInteger("heldBeds"), doc.getBoolean("acceptsChildren"),
                doc.getList("languages", String.class, List.of()), doc.getString("address"));
    }
}
