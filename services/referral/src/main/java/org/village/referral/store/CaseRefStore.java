package org.village.referral.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.village.events.DangerLevel;
import org.village.referral.domain.ConsentGrant;

/**
 * What referral-service knows of cases ({@value #CASES}: agency, danger, advocate, closed) and of their consents
 * ({@value #CONSENTS}), learnt from case-service's events: whose referrals an advocate reads and which details
 * a referral may share.
 */
@Component
public class CaseRefStore {

    public static final String CASES = "case_refs";
    public static final String CONSENTS = "consents";

    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> consents;

    public CaseRefStore(MongoDatabase database) {
        this.cases = database.getCollection(CASES);
        this.consents = database.getCollection(CONSENTS);
        cases.createIndex(Indexes.ascending("advocate"));
        consents.createIndex(Indexes.ascending("caseId", "recipientId"));
    }

    /** The case as referral-service knows it: its agency, danger and current advocate. */
    public record CaseRef(
            String caseId, String agencyId, @Nullable DangerLevel dangerLevel, String advocate, boolean closed) {}

    public void rememberCase(String caseId, String agencyId, DangerLevel dangerLevel) {
        cases.updateOne(
                Filters.eq("_id", caseId),
                Updates.combine(Updates.set("agencyId", agencyId), Updates.set("dangerLevel", dangerLevel.name())),
                new UpdateOptions().upsert(true));
    }

    public void assign(String caseId, String advocate) {
        cases.updateOne(Filters.eq("_id", caseId), Updates.set("advocate", advocate), new UpdateOptions().upsert(true));
    }

    public void caseClosed(String caseId) {
        cases.updateOne(Filters.eq("_id", caseId), Updates.set("closed", true), new UpdateOptions().upsert(true));
    }

    public Optional<CaseRef> caseRef(String caseId) {
        Document doc = cases.find(Filters.eq("_id", caseId)).first();
        return Optional.ofNullable(doc)
                .map(d -> new CaseRef(
                        caseId,
                        d.getString("agencyId"),
                        d.getString("dangerLevel") == null ? null : DangerLevel.valueOf(d.getString("dangerLevel")),
                        d.getString("advocate"),
                        d.getBoolean("closed", false)));
    }

    /** The cases an advocate works now: whose referrals they read and revoke. */
    public List<String> casesWorkedBy(String advocate) {
        List<String> ids = new ArrayList<>();
        cases.find(Filters.eq("advocate", advocate))
                .projection(new Document("_id", 1))
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    public void grant(ConsentGrant consent) {
        consents.replaceOne(
                Filters.eq("_id", consent.consentId()),
                new Document("_id", consent.consentId())
                        .append("caseId", consent.caseId())
                        .append("recipientId", consent.recipientId())
                        .append("scope", consent.scope())
                        .append("expiresAt", Date.from(consent.expiresAt()))
                        .append("revokedAt", null),
                new ReplaceOptions().upsert(true));
    }

    public void revokeConsent(String consentId, Instant at) {
        consents.updateOne(
                Filters.and(Filters.eq("_id", consentId), Filters.eq("revokedAt", null)),
                Updates.set("revokedAt", Date.from(at)));
    }

    /** Consents that expired by {@code now} and whose expiry has not yet been acted on. */
    public List<ConsentGrant> newlyExpired(Instant now) {
        List<ConsentGrant> found = new ArrayList<>();
        consents.find(Filters.and(
                        Filters.lte("expiresAt", Date.from(now)),
                        Filters.eq("revokedAt", null),
                        Filters.ne("expiryApplied", true)))
                .forEach(d -> found.add(consent(d)));
        return found;
    }

    public void expiryApplied(String consentId) {
        consents.updateOne(Filters.eq("_id", consentId), Updates.set("expiryApplied", true));
    }

    public List<ConsentGrant> consentsFor(String caseId, String recipientId) {
        List<ConsentGrant> found = new ArrayList<>();
        consents.find(Filters.and(Filters.eq("caseId", caseId), Filters.eq("recipientId", recipientId)))
                .forEach(d -> found.add(consent(d)));
        return found;
    }

    private static ConsentGrant consent(Document d) {
        Date revokedAt = d.getDate("revokedAt");
        return new ConsentGrant(
                d.getString("_id"),
                d.getString("caseId"),
                d.getString("recipientId"),
                d.getList("scope", String.class),
                d.getDate("expiresAt").toInstant(),
                revokedAt == null ? null : revokedAt.toInstant());
    }
}
