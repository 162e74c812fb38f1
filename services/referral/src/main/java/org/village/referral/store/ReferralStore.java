package org.village.referral.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;
import org.village.events.DangerLevel;
import org.village.events.ReferralEvent;
import org.village.messaging.AppliedEvents;
import org.village.messaging.OutboxRelay;
import org.village.messaging.store.KeysetPaging;
import org.village.messaging.store.OutboxDocuments;
import org.village.referral.domain.Household;
import org.village.referral.domain.Referral;
import org.village.referral.domain.ReferralStatus;
import org.village.referral.domain.ResponseWindow;
import org.village.security.sealing.KeyVault;
import org.village.security.sealing.Sealing;
import org.village.security.sealing.SubjectKeyStore;
import org.village.web.PageRequest;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Referrals ({@value #COLLECTION}, consented details sealed under each referral's own key in {@value #KEYS}),
 * each status change written with its event through the collection's {@link OutboxDocuments}.
 */
@Component
public class ReferralStore {

    public static final String COLLECTION = "referrals";
    public static final String KEYS = "referral_keys";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboxDocuments documents;
    private final MongoCollection<Document> referrals;
    private final SubjectKeyStore keys;

    public ReferralStore(MongoDatabase database, KeyVault vault, Sealing sealing, OutboxRelay relay) {
        this.documents = new OutboxDocuments(database.getCollection(COLLECTION), relay);
        this.referrals = documents.collection();
        this.keys = new SubjectKeyStore(vault, database, KEYS, sealing);
        KeysetPaging.createIndex(referrals, "createdAt", "shelterId");
        KeysetPaging.createIndex(referrals, "createdAt", "advocateId");
        referrals.createIndex(Indexes.ascending("caseId"));
        KeysetPaging.createIndex(referrals, "createdAt", "agencyId");
        // the sweeps read the referrals left unconfirmed and those still PENDING through these, not every referral
        referrals.createIndex(Indexes.ascending("confirmed", "createdAt"));
        referrals.createIndex(Indexes.ascending("status", "createdAt"));
    }

    /** The PENDING referrals of a case to a recipient that shared details (what a consent's end revokes). */
    public List<String> pendingSharingDetails(String caseId, String recipientId) {
        return ids(Filters.and(
                Filters.eq("caseId", caseId),
                Filters.eq("shelterId", recipientId),
                Filters.eq("status", ReferralStatus.PENDING.name()),
                Filters.exists("sharedScope.0")));
    }

    /**
     * Stores a new referral, not yet confirmed (nobody sees it until its beds are held), with the consented
     * details sealed under its own key. Returns the referral stored under that id: this one or an earlier try's.
     */
    public Referral insert(Referral referral, String agencyId, Map<String, String> sharedDetails) {
        Document doc = toDocument(referral).append("agencyId", agencyId).append("confirmed", false);
        if (!sharedDetails.isEmpty()) {
            byte[] sealed = keys.createOrGet(referral.referralId())
                    .seal(JSON.writeValueAsString(sharedDetails), referral.referralId() + "/sharedDetails");
            doc.append("sealedDetails", new Binary(sealed));
        }
        if (!AppliedEvents.insertOnce(referrals, doc)) {
            return find(referral.referralId(), true).orElseThrow();
        }
        return referral;
    }

    /** Makes a referral whose beds are held visible, with its event, in one write. */
    public void confirm(Referral referral, ReferralEvent requested, Instant now) {
        documents.update(
                referral.referralId(),
                Filters.eq("confirmed", false),
                Updates.set("confirmed", true),
                now,
                List.of(requested));
    }

    /** Referrals stored but never confirmed, created at or before {@code before} (a request cut short). */
    public List<Referral> unconfirmedBefore(Instant before) {
        List<Referral> found = new ArrayList<>();
        referrals
                .find(Filters.and(Filters.eq("confirmed", false), Filters.lte("createdAt", Date.from(before))))
                .forEach(d -> found.add(fromDocument(d)));
        return found;
    }

    /** Forgets a referral that got no beds: it was never visible. */
    public void discard(String referralId) {
        referrals.deleteOne(Filters.and(Filters.eq("_id", referralId), Filters.eq("confirmed", false)));
        keys.destroy(referralId);
    }

    public boolean isConfirmed(String referralId) {
        return referrals.countDocuments(Filters.and(Filters.eq("_id", referralId), Filters.eq("confirmed", true))) > 0;
    }

    /** Applies a status change if the referral is still in the status it was decided from; false if not. */
    public boolean apply(Referral before, Referral.Transition transition, Instant now) {
        Referral next = transition.next();
        return documents.update(
                before.referralId(),
                Filters.eq("status", before.status().name()),
                Updates.combine(
                        Updates.set("status", next.status().name()),
                        Updates.set("reasonCode", next.reasonCode()),
                        Updates.set("note", keys.fields(before.referralId()).seal(next.note(), "note")),
                        Updates.set("changedAt", Date.from(next.changedAt()))),
                now,
                List.of(transition.event()));
    }

    /** Pending referrals created at or before {@code before}, with the window stage each already announced. */
    public Map<String, ResponseWindow.Stage> pendingSince(Instant before) {
        Map<String, ResponseWindow.Stage> found = new LinkedHashMap<>();
        referrals
                .find(Filters.and(
                        Filters.eq("confirmed", true),
                        Filters.eq("status", ReferralStatus.PENDING.name()),
                        Filters.lte("createdAt", Date.from(before))))
                .projection(new Document("_id", 1).append("unansweredStage", 1))
                .forEach(d -> found.put(
                        d.getString("_id"),
                        d.getString("unansweredStage") == null
                                ? ResponseWindow.Stage.NONE
                                : ResponseWindow.Stage.valueOf(d.getString("unansweredStage"))));
        return found;
    }

    /** Records that a pending referral reached a window stage, with its event, once. */
    public boolean markUnanswered(
            String referralId, ResponseWindow.Stage from, ResponseWindow.Stage to, ReferralEvent event, Instant now) {
        Bson stillAt = from == ResponseWindow.Stage.NONE
                ? Filters.exists("unansweredStage", false)
                : Filters.eq("unansweredStage", from.name());
        return documents.update(
                referralId,
                Filters.and(Filters.eq("status", ReferralStatus.PENDING.name()), stillAt),
                Updates.set("unansweredStage", to.name()),
                now,
                List.of(event));
    }

    /** A confirmed referral (or any, with {@code includeUnconfirmed}). */
    public Optional<Referral> find(String referralId, boolean includeUnconfirmed) {
        // read under the document's lock: a status change decides from what this returns
        return documents
                .read(referralId)
                .filter(doc -> includeUnconfirmed || doc.getBoolean("confirmed", false))
                .map(this::fromDocument);
    }

    /** The consented details, opened; empty when there were none or they were erased. */
    public Optional<Map<String, String>> sharedDetails(String referralId) {
        Document doc = referrals.find(Filters.eq("_id", referralId)).first();
        if (doc == null || doc.get("sealedDetails") == null) {
            return Optional.empty();
        }
        return keys.find(referralId)
                .map(cipher -> JSON.readValue(
                        cipher.open(doc.get("sealedDetails", Binary.class).getData(), referralId + "/sharedDetails"),
                        new TypeReference<Map<String, String>>() {}));
    }

    /**
     * D6 retention: the referrals closed (declined, expired, revoked, completed) at or before {@code closedBy}
     * whose shared details are not yet erased.
     */
    public List<String> closedWithDetailsBefore(Instant closedBy) {
        return ids(Filters.and(
                Filters.in(
                        "status",
                        Arrays.stream(ReferralStatus.values())
                                .filter(status -> !status.active())
                                .map(Enum::name)
                                .toList()),
                Filters.lte("changedAt", Date.from(closedBy)),
                Filters.ne("sealedDetails", null)));
    }

    /**
     * D6 retention: a closed referral's shared details and decline note are destroyed (its key, then the sealed
     * bytes).
     */
    public void eraseDetails(String referralId, Instant now) {
        keys.destroy(referralId);
        documents.update(
                referralId,
                Updates.combine(
                        Updates.unset("sealedDetails"),
                        Updates.set("note", null),
                        Updates.set("detailsErasedAt", Date.from(now))));
    }

    /** D6: the consented details and decline notes of every referral of a case are destroyed. */
    public void eraseDetailsOfCase(String caseId, Instant now) {
        ids(Filters.eq("caseId", caseId)).forEach(id -> eraseDetails(id, now));
    }

    public boolean hasActive(String caseId, String shelterId) {
        return referrals.countDocuments(Filters.and(
                        Filters.eq("caseId", caseId),
                        Filters.eq("shelterId", shelterId),
                        Filters.eq("confirmed", true),
                        Filters.in("status", ReferralStatus.PENDING.name(), ReferralStatus.ACCEPTED.name())))
                > 0;
    }

    /** The case's referrals still open (PENDING or ACCEPTED). */
    public List<String> openOfCase(String caseId) {
        return ids(Filters.and(Filters.eq("caseId", caseId), Filters.in("status", "PENDING", "ACCEPTED")));
    }

    /** Ids of confirmed referrals matching a filter. */
    private List<String> ids(Bson filter) {
        List<String> ids = new ArrayList<>();
        referrals
                .find(Filters.and(filter, Filters.eq("confirmed", true)))
                .projection(new Document("_id", 1))
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** The referrals of some cases (those an advocate works now), newest first, one page. */
    public List<Referral> listOfCases(List<String> caseIds, PageRequest page) {
        return list(Filters.in("caseId", caseIds), page);
    }

    /** The referrals of an advocacy agency's cases, newest first, one page. */
    public List<Referral> listForAgency(String agencyId, PageRequest page) {
        return list(Filters.eq("agencyId", agencyId), page);
    }

    /** The referrals to a shelter, newest first, one page. */
    public List<Referral> listForShelter(String shelterId, PageRequest page) {
        return list(Filters.eq("shelterId", shelterId), page);
    }

    /** Confirmed referrals matching a filter, newest first, one page. */
    private List<Referral> list(Bson filter, PageRequest page) {
        List<Referral> found = new ArrayList<>();
        KeysetPaging.page(
                        referrals,
                        Filters.and(filter, Filters.eq("confirmed", true)),
                        "createdAt",
                        page.beforeTime(),
                        page.beforeId(),
                        page.limit())
                .projection(Projections.exclude("note", "sealedDetails"))
                .forEach(d -> found.add(fromDocument(d)));
        return found;
    }

    private static Document toDocument(Referral r) {
        return new Document("_id", r.referralId())
                .append("caseId", r.caseId())
                .append("shelterId", r.shelterId())
                .append("advocateId", r.advocateId())
                .append("adults", r.household().adults())
                .append("children", r.household().children())
                .append("needs", r.needs())
                .append("sharedScope", r.sharedScope())
                .append(
                        "dangerLevel",
                        r.dangerLevel() == null ? null : r.dangerLevel().name())
                .append("status", r.status().name())
                .append("createdAt", Date.from(r.createdAt()))
                .append("respondBy", Date.from(r.respondBy()))
                .append(
                        "window",
                        new Document(
                                        "renotifyShelterAfter",
                                        r.window().renotifyShelterAfter().toString())
                                .append(
                                        "tellAdvocateAfter",
                                        r.window().tellAdvocateAfter().toString())
                                .append("expireAfter", r.window().expireAfter().toString()))
                .append("reasonCode", r.reasonCode())
                .append("changedAt", r.changedAt() == null ? null : Date.from(r.changedAt()));
    }

    /** A referral as stored, its decline note opened (null once its key is destroyed). */
    private Referral fromDocument(Document d) {
        Document w = d.get("window", Document.class);
        return new Referral(
                d.getString("_id"),
                d.getString("caseId"),
                d.getString("shelterId"),
                d.getString("advocateId"),
                new Household(d.getInteger("adults"), d.getInteger("children")),
                d.getList("needs", String.class, List.of()),
                d.getList("sharedScope", String.class, List.of()),
                d.getString("dangerLevel") == null ? null : DangerLevel.valueOf(d.getString("dangerLevel")),
                ReferralStatus.valueOf(d.getString("status")),
                d.getDate("createdAt").toInstant(),
                d.getDate("respondBy").toInstant(),
                new ResponseWindow(
                        Duration.parse(w.getString("renotifyShelterAfter")),
                        Duration.parse(w.getString("tellAdvocateAfter")),
                        Duration.parse(w.getString("expireAfter"))),
                d.getString("reasonCode"),
                d.get("note") == null ? null : keys.fields(d.getString("_id")).open(d.get("note"), "note"),
                d.getDate("changedAt") == null ? null : d.getDate("changedAt").toInstant());
    }
}
