package org.village.referral.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.village.events.BedAvailabilityChanged;
import org.village.messaging.OutboxRelay;
import org.village.messaging.store.OutboxDocuments;
import org.village.referral.ReferralProperties;
import org.village.referral.domain.BedLedger;
import org.village.referral.domain.Shelter;

/**
 * The {@value #COLLECTION} collection: one document per shelter with its bed ledger and pending events. Every
 * change of the beds is a compare-and-set on the shelter's version that writes the change and its
 * {@code bed-availability-changed} event together, so no change is ever without its event.
 */
@Component
public class ShelterStore {

    public static final String COLLECTION = "shelters";

    private static final int MAX_ATTEMPTS = 20;

    private final OutboxDocuments documents;
    private final MongoCollection<Document> shelters;

    public ShelterStore(MongoDatabase database, ReferralProperties properties, OutboxRelay relay) {
        this.documents = new OutboxDocuments(database.getCollection(COLLECTION), relay);
        this.shelters = documents.collection();
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
        return documents
                .compareAndSet(shelterId, MAX_ATTEMPTS, doc -> {
                    Shelter next = BedLedger.recount(fromDocument(doc), total, occupied);
                    return OutboxDocuments.Decision.write(
                            Updates.combine(
                                    Updates.set("totalBeds", next.totalBeds()),
                                    Updates.set("occupiedBeds", next.occupiedBeds())),
                            List.of(availability(next)),
                            now,
                            next);
                })
                .orElseThrow();
    }

    private static BedAvailabilityChanged availability(Shelter shelter) {
        return new BedAvailabilityChanged(
                shelter.shelterId(),
                shelter.totalBeds(),
                shelter.occupiedBeds(),
                shelter.heldBeds(),
                shelter.availableBeds());
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
        @Nullable
        LedgerUpdate apply(Shelter current, @Nullable Integer held);
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
        return documents
                .compareAndSet(shelterId, MAX_ATTEMPTS, doc -> {
                    Shelter current = fromDocument(doc);
                    Document holds = doc.get("holds", Document.class);
                    Integer held = holds == null ? null : holds.getInteger(referralId);
                    LedgerUpdate update;
                    try {
                        update = change.apply(current, held);
                    } catch (NoRoom e) {
                        return OutboxDocuments.Decision.nothing(false);
                    }
                    if (update == null) {
                        return OutboxDocuments.Decision.nothing(true);
                    }
                    // written only if the shelter is still as read, so the shelter afterwards is known now: the
                    // change and its event are one write
                    return OutboxDocuments.Decision.write(
                            update.update(), List.of(availability(update.after())), now, true);
                })
                .orElse(false);
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
