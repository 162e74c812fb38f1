package org.village.notification.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.village.events.DangerLevel;
import org.village.notification.domain.CaseRef;
import org.village.notification.domain.ReferralRef;

/**
 * What routing needs of cases ({@value #CASES}) and referrals ({@value #REFERRALS}), kept from their events: ids,
 * organisations, danger level and who works them; nothing about the survivor. Replaying an event writes the same.
 *
 * <p>A case's facts change only with its own case events, which share a partition and so one consumer at a time:
 * while this instance holds the partition, what its last write of a case answered is what the database holds. The
 * last {@value #REMEMBERED} cases written here are answered without a read, until the instance's partitions change
 * ({@link #forgetRemembered}), when another instance may have written them meanwhile.
 */
@Component
public class RoutingFacts {

    public static final String CASES = "case_refs";
    public static final String REFERRALS = "referral_refs";

    /** How many cases' facts, as this instance last wrote them, are answered without a read. */
    static final int REMEMBERED = 10_000;

    private final Map<String, CaseRef> remembered = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CaseRef> eldest) {
            return size() > REMEMBERED;
        }
    };

    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> referrals;

    public RoutingFacts(MongoDatabase database) {
        this.cases = database.getCollection(CASES);
        this.referrals = database.getCollection(REFERRALS);
    }

    /**
     * Keeps a case's facts from case.opened, leaving its current advocate as it is, and answers the case as routing
     * now knows it (the same write: no second read).
     */
    public Optional<CaseRef> caseOpened(
            String caseId,
            String intakeId,
            String agencyId,
            String departmentId,
            String officerId,
            DangerLevel dangerLevel) {
        return keep(
                caseId,
                Updates.combine(
                        Updates.set("intakeId", intakeId),
                        Updates.set("agencyId", agencyId),
                        Updates.set("departmentId", departmentId),
                        Updates.set("officerId", officerId),
                        Updates.set("dangerLevel", dangerLevel.name())));
    }

    /** Keeps a case's advocate and answers the case as routing now knows it (empty before its case.opened). */
    public Optional<CaseRef> advocateAssigned(String caseId, String advocateId) {
        return keep(caseId, Updates.set("advocateId", advocateId));
    }

    private Optional<CaseRef> keep(String caseId, Bson update) {
        Optional<CaseRef> kept = refOf(cases.findOneAndUpdate(
                Filters.eq("_id", caseId),
                update,
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)));
        synchronized (remembered) {
            kept.ifPresentOrElse(ref -> remembered.put(caseId, ref), () -> remembered.remove(caseId));
        }
        return kept;
    }

    /** A case's facts: as this instance last wrote them, or as stored. */
    public Optional<CaseRef> caseRef(@Nullable String caseId) {
        if (caseId == null) {
            return Optional.empty();
        }
        CaseRef known;
        synchronized (remembered) {
            known = remembered.get(caseId);
        }
        if (known != null) {
            return Optional.of(known);
        }
        return refOf(cases.find(Filters.eq("_id", caseId)).first());
    }

    /**
     * Forgets the cases written here: called when this instance's partitions change, after which another instance
     * may write them.
     */
    public void forgetRemembered() {
        synchronized (remembered) {
            remembered.clear();
        }
    }

    /** A case's facts as stored, once its case.opened was kept (an advocate alone is not enough to route by). */
    private static Optional<CaseRef> refOf(@Nullable Document stored) {
        return Optional.ofNullable(stored)
                .filter(doc -> doc.getString("agencyId") != null)
                .map(doc -> new CaseRef(
                        doc.getString("_id"),
                        doc.getString("intakeId"),
                        doc.getString("agencyId"),
                        doc.getString("departmentId"),
                        doc.getString("officerId"),
                        DangerLevel.valueOf(doc.getString("dangerLevel")),
                        doc.getString("advocateId")));
    }

    public void referralRequested(ReferralRef ref) {
        Document fields = new Document("caseId", ref.caseId())
                .append("shelterId", ref.shelterId())
                .append("advocateId", ref.advocateId())
                .append(
                        "dangerLevel",
                        ref.dangerLevel() == null ? null : ref.dangerLevel().name());
        referrals.updateOne(
                Filters.eq("_id", ref.referralId()), new Document("$set", fields), new UpdateOptions().upsert(true));
    }

    public Optional<ReferralRef> referral(String referralId) {
        return Optional.ofNullable(referrals.find(Filters.eq("_id", referralId)).first())
                .map(doc -> new ReferralRef(
                        doc.getString("_id"),
                        doc.getString("caseId"),
                        doc.getString("shelterId"),
                        doc.getString("advocateId"),
                        doc.getString("dangerLevel") == null
                                ? null
                                : DangerLevel.valueOf(doc.getString("dangerLevel"))));
    }
}
