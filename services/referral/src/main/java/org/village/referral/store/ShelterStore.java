package org.village.referral.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import org.village.events.BedAvailabilityChanged;
import org.village.messaging.DocumentLocks;
import org.village.messaging.Outbox;
import org.village.messaging.OutboxRelay;
import org.village.referral.ReferralProperties;
import org.village.referral.domain.BedLedger;
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
        shelters.updateOne(
                Filters.eq("_id", seed.id()),
                Updates.combine(
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
        return Optional.ofNullable(shelters.find(Filters.eq("_id", shelterId)).first())
                .map(ShelterStore::fromDocument);
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
            BedAvailabilityChanged event = new BedAvailabilityChanged(
                    shelterId, next.totalBeds(), next.occupiedBeds(), next.heldBeds(), next.availableBeds());
            UpdateResult result = locks.write(
                    COLLECTION,
                    shelterId,
                    () -> shelters.updateOne(
                            Filters.and(
                                    Filters.eq("_id", shelterId),
                                    Filters.eq("totalBeds", current.totalBeds()),
                                    Filters.eq("occupiedBeds", current.occupiedBeds()),
                                    Filters.eq("heldBeds", current.heldBeds())),
                            Updates.combine(
                                    Updates.set("totalBeds", next.totalBeds()),
                                    Updates.set("occupiedBeds", next.occupiedBeds()),
                                    Outbox.append(now, List.of(event)))));
            if (result.getMatchedCount() > 0) {
                relay.publishSoon(COLLECTION, shelterId);
                return next;
            }
        }
        throw new IllegalStateException("The beds of " + shelterId + " are changing too fast to recount");
    }

    /**
     * D4: holds {@code beds} beds for a referral if that many are available; false (nothing held) otherwise.
     * Holding again for the same referral changes nothing.
     */
    public boolean hold(String shelterId, String referralId, int beds, Instant now) {
        return ledger(shelterId, referralId, now, (current, held) -> {
            if (held != null) {
                return null;
            }
            if (current.availableBeds() < beds) {
                throw new NoRoom();
            }
            return new LedgerUpdate(
                    Updates.combine(Updates.set("holds." + referralId, beds), Updates.inc("heldBeds", beds)),
                    beds(current, current.occupiedBeds(), current.heldBeds() + beds));
        });
    }

    /** Whether beds are held for a referral. */
    public boolean holds(String shelterId, String referralId) {
        return shelters.countDocuments(Filters.and(Filters.eq("_id", shelterId), Filters.exists("holds." + referralId)))
                > 0;
    }

    /** Gives a referral's held beds back; done once, however often it is asked. */
    public void release(String shelterId, String referralId, Instant now) {
        ledger(
                shelterId,
                referralId,
                now,
                (current, held) -> held == null
                        ? null
                        : new LedgerUpdate(
                                Updates.combine(Updates.unset("holds." + referralId), Updates.inc("heldBeds", -held)),
                                beds(current, current.occupiedBeds(), current.heldBeds() - held)));
    }

    /** Turns a referral's held beds into occupied ones: the survivor arrived. */
    public void occupy(String shelterId, String referralId, Instant now) {
        ledger(
                shelterId,
                referralId,
                now,
                (current, held) -> held == null
                        ? null
                        : new LedgerUpdate(
                                Updates.combine(
                                        Updates.unset("holds." + referralId),
                                        Updates.inc("heldBeds", -held),
                                        Updates.inc("occupiedBeds", held)),
                                beds(current, current.occupiedBeds() + held, current.heldBeds() - held)));
    }

    /** No beds for a hold. */
    private static final class NoRoom extends RuntimeException {}

    /** A change of the bed ledger: the update, and the shelter as it will be once it is applied. */
    private record LedgerUpdate(Bson update, Shelter after) {}

    private interface LedgerChange {
        /** The change for the shelter as it is and the referral's current hold (null: none), or null for none. */
        LedgerUpdate apply(Shelter current, Integer held);
    }

    private static Shelter beds(Shelter current, int occupied, int held) {
        return new Shelter(
                current.shelterId(),
                current.name(),
                current.totalBeds(),
                occupied,
                held,
                current.acceptsChildren(),
                current.languages(),
                current.address());
    }

    private boolean ledger(String shelterId, String referralId, Instant now, LedgerChange change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Document doc = locks.read(
                    COLLECTION,
                    shelterId,
                    () -> shelters.find(Filters.eq("_id", shelterId)).first());
            if (doc == null) {
                return false;
            }
            Shelter current = fromDocument(doc);
            Document holds = doc.get("holds", Document.class);
            Integer held = holds == null ? null : holds.getInteger(referralId);
            LedgerUpdate update;
            try {
                update = change.apply(current, held);
            } catch (NoRoom e) {
                return false;
            }
            if (update == null) {
                return true;
            }
            // the counts are what was read (else nothing is written), so the shelter afterwards is known now:
            // the change and its event are one write
            Shelter after = update.after();
            UpdateResult result = locks.write(
                    COLLECTION,
                    shelterId,
                    () -> shelters.updateOne(
                            Filters.and(
                                    Filters.eq("_id", shelterId), Filters.eq("totalBeds", current.totalBeds()),
                                    Filters.eq("occupiedBeds", current.occupiedBeds()),
                                            Filters.eq("heldBeds", current.heldBeds())),
                            Updates.combine(
                                    update.update(),
                                    Outbox.append(
                                            now,
                                            List.of(new BedAvailabilityChanged(
                                                    shelterId,
                                                    after.totalBeds(),
                                                    after.occupiedBeds(),
                                                    after.heldBeds(),
                                                    after.availableBeds()))))));
            if (result.getModifiedCount() > 0) {
                relay.publishSoon(COLLECTION, shelterId);
                return true;
            }
        }
        throw new IllegalStateException("The beds of " + shelterId + " are changing too fast");
    }

    private static Shelter fromDocument(Document doc) {
        return new Shelter(
                doc.getString("_id"),
                doc.getString("name"),
                doc.getInteger("totalBeds"),
                doc.getInteger("occupiedBeds"),
                doc.getInteger("heldBeds"),
                doc.getBoolean("acceptsChildren"),
                doc.getList("languages", String.class, List.of()),
                doc.getString("address"));
    }
}
