package org.village.security.audit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.village.security.Caller;

/**
 * The append-only access log of a service's survivor data, in its own {@value #COLLECTION} collection. Each
 * entry carries an HMAC-SHA256 over its content and the MAC of the one before it, keyed with a secret held
 * outside the database, and a head document remembers the newest sequence number, so that an edited, removed
 * or truncated entry is found by {@link #verify()}, even by someone who can write to the database and
 * recompute the whole chain: without the key they cannot compute a MAC that verifies.
 */
public final class AuditTrail {

    public static final String COLLECTION = "audit";
    public static final String HEAD = "audit_head";
    static final String GENESIS = "0".repeat(64);
    private static final String CORRELATION_ID = "correlationId";
    private static final int MAX_ATTEMPTS = 50;
    private static final String MAC = "HmacSHA256";

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> head;
    private final Clock clock;
    private final SecretKeySpec chainKey;

    /** The newest entry this instance appended (number and MAC), where the next append starts looking. */
    private @Nullable Document newestKnown;

    public AuditTrail(MongoDatabase database, Clock clock, byte[] chainKey) {
        this.chainKey = new SecretKeySpec(chainKey.clone(), MAC);
        this.entries = database.getCollection(COLLECTION);
        this.head = database.getCollection(HEAD);
        this.clock = clock;
        entries.createIndex(Indexes.ascending("resourceId", "_id"));
    }

    /**
     * Appends an entry for an access by {@code caller}; concurrent appends each find their own place. Appends of
     * this instance take turns (they would otherwise all race for the same number); those of other instances are
     * found by their numbers and followed.
     */
    public synchronized AuditEntry record(
            Caller caller,
            String action,
            String resourceType,
            String resourceId,
            @Nullable String scopeOrg,
            AuditEntry.Outcome outcome) {
        List<String> roles = caller.roles().stream().map(Enum::name).sorted().toList();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Document last = newest();
            long seq = last == null ? 1 : last.getLong("_id") + 1;
            String previous = last == null ? GENESIS : last.getString("hash");
            AuditEntry draft = new AuditEntry(
                    seq,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    caller.userId(),
                    roles,
                    caller.org(),
                    action,
                    resourceType,
                    resourceId,
                    scopeOrg,
                    outcome,
                    MDC.get(CORRELATION_ID),
                    previous,
                    null);
            AuditEntry entry = withHash(draft);
            try {
                entries.insertOne(toDocument(entry));
                newestKnown = new Document("_id", entry.seq()).append("hash", entry.hash());
                advanceHead(entry);
                return entry;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("The audit trail is too busy to append to");
    }

    /**
     * The newest entry (its sequence number and MAC), or null for an empty trail: from this instance's own last
     * append, or else the head, then the entries after it by their numbers (another instance may have appended
     * since; the head is moved after each append, so a crash or a concurrent append may leave it behind by a few).
     * A few reads by key, whatever the trail's length.
     */
    private @Nullable Document newest() {
        Document last = newestKnown;
        Document top = last != null ? null : head.find(Filters.eq("_id", HEAD)).first();
        if (top != null && top.get("seq") instanceof Number seq && seq.longValue() > 0) {
            last = top.getString("hash") != null
                    ? new Document("_id", seq.longValue()).append("hash", top.getString("hash"))
                    : entries.find(Filters.eq("_id", seq.longValue())).first();
        }
        while (true) {
            long after = last == null ? 0 : last.getLong("_id");
            Document next = entries.find(Filters.eq("_id", after + 1))
                    .projection(Projections.include("hash"))
                    .first();
            if (next == null) {
                return last;
            }
            last = next;
        }
    }

    /** Moves the head to {@code entry} unless it is already further. */
    private void advanceHead(AuditEntry entry) {
        Bson behind = Filters.and(Filters.eq("_id", HEAD), Filters.lt("seq", entry.seq()));
        Bson moved = Updates.combine(Updates.set("seq", entry.seq()), Updates.set("hash", entry.hash()));
        if (head.updateOne(behind, moved).getMatchedCount() > 0) {
            return;
        }
        try {
            head.insertOne(new Document("_id", HEAD).append("seq", entry.seq()).append("hash", entry.hash()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            head.updateOne(behind, moved); // it exists: further already, or moved by the line above's loser
        }
    }

    /** The entries about a resource, oldest first; only those of {@code scopeOrg} when it is given. */
    public List<AuditEntry> about(String resourceId, @Nullable String scopeOrg) {
        return about(resourceId, scopeOrg, 0, Integer.MAX_VALUE);
    }

    /**
     * One page of the entries about a resource, oldest first: at most {@code limit} entries after sequence
     * number {@code after} (0 for the first page); only those of {@code scopeOrg} when it is given.
     */
    public List<AuditEntry> about(String resourceId, @Nullable String scopeOrg, long after, int limit) {
        Bson filter = Filters.and(Filters.eq("resourceId", resourceId), Filters.gt("_id", after));
        if (scopeOrg != null) {
            filter = Filters.and(filter, Filters.eq("scopeOrg", scopeOrg));
        }
        List<AuditEntry> found = new ArrayList<>();
        entries.find(filter).sort(Sorts.ascending("_id")).limit(limit).forEach(doc -> found.add(fromDocument(doc)));
        return found;
    }

    /** Walks the whole chain and says where, if anywhere, it was broken. */
    public Verification verify() {
        String previous = GENESIS;
        long expected = 1;
        for (Document doc : entries.find().sort(Sorts.ascending("_id"))) {
            AuditEntry entry = fromDocument(doc);
            if (entry.seq() != expected) {
                return Verification.broken(expected - 1, expected, "entry " + expected + " is missing");
            }
            if (!entry.previousHash().equals(previous)) {
                return Verification.broken(
                        expected - 1,
                        expected,
                        "entry " + expected + " does not follow entry " + (expected - 1) + ": one of them was changed");
            }
            if (!Objects.equals(withHash(entry).hash(), entry.hash())) {
                return Verification.broken(expected - 1, expected, "entry " + expected + " was changed");
            }
            previous = entry.hash();
            expected++;
        }
        Document top = head.find(Filters.eq("_id", HEAD)).first();
        long newest = top == null ? 0 : top.getLong("seq");
        if (newest > expected - 1) {
            return Verification.broken(
                    expected - 1, expected, "entries " + expected + " to " + newest + " are missing");
        }
        return Verification.intact(expected - 1);
    }

    /** A new chain key: base64 of 32 random bytes. */
    public static String newChainKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    AuditEntry withHash(AuditEntry entry) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(chainKey);
            String hash = HexFormat.of().formatHex(mac.doFinal(entry.canonical().getBytes(StandardCharsets.UTF_8)));
            return new AuditEntry(
                    entry.seq(),
                    entry.at(),
                    entry.actor(),
                    entry.roles(),
                    entry.org(),
                    entry.action(),
                    entry.resourceType(),
                    entry.resourceId(),
                    entry.scopeOrg(),
                    entry.outcome(),
                    entry.correlationId(),
                    entry.previousHash(),
                    hash);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Document toDocument(AuditEntry e) {
        return new Document("_id", e.seq())
                .append("at", Date.from(e.at()))
                .append("actor", e.actor())
                .append("roles", e.roles())
                .append("org", e.org())
                .append("action", e.action())
                .append("resourceType", e.resourceType())
                .append("resourceId", e.resourceId())
                .append("scopeOrg", e.scopeOrg())
                .append("outcome", e.outcome().name())
                .append("correlationId", e.correlationId())
                .append("previousHash", e.previousHash())
                .append("hash", e.hash());
    }

    private static AuditEntry fromDocument(Document d) {
        return new AuditEntry(
                d.getLong("_id"),
                d.getDate("at").toInstant(),
                d.getString("actor"),
                d.getList("roles", String.class),
                d.getString("org"),
                d.getString("action"),
                d.getString("resourceType"),
                d.getString("resourceId"),
                d.getString("scopeOrg"),
                AuditEntry.Outcome.valueOf(d.getString("outcome")),
                d.getString("correlationId"),
                d.getString("previousHash"),
                d.getString("hash"));
    }
}
