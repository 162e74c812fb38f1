package org.village.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.village.security.Caller;
import org.village.security.Role;

/** The audit trail on a MongoDB wire-protocol endpoint: every access recorded, any tampering found. */
class AuditTrailIT {

    private static final Caller SAM = Caller.of("supervisor.sam", "bridges", Role.SUPERVISOR);
    private static final byte[] KEY = Base64.getDecoder().decode(AuditTrail.newChainKey());
    private MongoServer server;
    private MongoClient client;
    private AuditTrail trail;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(
                "mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        database = client.getDatabase("audit-test");
        trail = new AuditTrail(database, Clock.systemUTC(), KEY);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private void reads(int n, String resource) {
        for (int i = 0; i < n; i++) {
            trail.record(SAM, "READ", "intake", resource, "bridges", AuditEntry.Outcome.ALLOWED);
        }
    }

    @Test
    void nReadsGiveNEntries() {
        reads(7, "intake-1");
        reads(2, "intake-2");

        List<AuditEntry> entries = trail.about("intake-1", null);
        assertThat(entries).hasSize(7).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("supervisor.sam");
            assertThat(e.roles()).containsExactly("SUPERVISOR");
            assertThat(e.org()).isEqualTo("bridges");
            assertThat(e.action()).isEqualTo("READ");
            assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.ALLOWED);
        });
        assertThat(trail.verify().intact()).isTrue();
        assertThat(trail.verify().entries()).isEqualTo(9);
    }

    @Test
    void aResourcesEntriesAreReadAPageAtATime() {
        reads(7, "intake-1");
        reads(2, "intake-2");

        List<AuditEntry> first = trail.about("intake-1", null, 0, 3);
        List<AuditEntry> second = trail.about("intake-1", null, first.get(2).seq(), 3);
        List<AuditEntry> last = trail.about("intake-1", null, second.get(2).seq(), 3);

        assertThat(first).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(second).extracting(AuditEntry::seq).containsExactly(4L, 5L, 6L);
        assertThat(last).extracting(AuditEntry::seq).containsExactly(7L);
        assertThat(trail.about("intake-1", "elsewhere", 0, 3)).isEmpty();
    }

    @Test
    void aSupervisorSeesOnlyTheirAgencysEntries() {
        reads(2, "intake-1");
        trail.record(
                Caller.of("supervisor.zed", "elsewhere", Role.SUPERVISOR),
                "READ",
                "intake",
                "intake-1",
                "elsewhere",
                AuditEntry.Outcome.DENIED);

        assertThat(trail.about("intake-1", "bridges")).hasSize(2);
        assertThat(trail.about("intake-1", null)).hasSize(3);
    }

    @Test
    void anEditedEntryIsReported() {
        reads(5, "intake-1");
        database.getCollection(AuditTrail.COLLECTION).updateOne(Filters.eq("_id", 3L), Updates.set("actor", "someone"));

        Verification verification = trail.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.brokenAt()).isEqualTo(3L);
    }

    @Test
    void aDeletedEntryIsReported() {
        reads(5, "intake-1");
        database.getCollection(AuditTrail.COLLECTION).deleteOne(Filters.eq("_id", 2L));

        assertThat(trail.verify().brokenAt()).isEqualTo(2L);
    }

    @Test
    void aDeletedNewestEntryIsReported() {
        reads(5, "intake-1");
        database.getCollection(AuditTrail.COLLECTION).deleteOne(Filters.eq("_id", 5L));

        Verification verification = trail.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.problem()).contains("missing");
    }

    /**
     * The head is moved after each append: one left behind (a crash between the two writes) or gone is caught up
     * with by the next append, which continues the chain after the newest entry.
     */
    @Test
    void anAppendAfterTheHeadFellBehindContinuesTheChain() {
        reads(5, "intake-1");
        database.getCollection(AuditTrail.HEAD)
                .updateOne(
                        Filters.eq("_id", AuditTrail.HEAD),
                        Updates.combine(Updates.set("seq", 2L), Updates.unset("hash")));
        reads(1, "intake-1");
        database.getCollection(AuditTrail.HEAD).deleteMany(Filters.empty());
        reads(1, "intake-1");

        Verification verification = trail.verify();
        assertThat(verification.intact()).as(verification.problem()).isTrue();
        assertThat(verification.entries()).isEqualTo(7L);
        assertThat(database.getCollection(AuditTrail.HEAD).find().first().getLong("seq"))
                .isEqualTo(7L);
    }

    /** Deleting the newest entry cannot be covered up by the next append taking its number. */
    @Test
    void anAppendAfterTheNewestEntryWasDeletedDoesNotHideIt() {
        reads(5, "intake-1");
        database.getCollection(AuditTrail.COLLECTION).deleteOne(Filters.eq("_id", 5L));
        reads(1, "intake-1");

        Verification verification = trail.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.problem()).contains("entry 5 is missing");
    }

    @Test
    void aRewrittenChainIsReportedEvenWithConsistentHashes() {
        reads(3, "intake-1");
        var entries = database.getCollection(AuditTrail.COLLECTION);
        entries.updateOne(Filters.eq("_id", 2L), Updates.set("outcome", "DENIED"));
        var changed = trail.about("intake-1", null).get(1);
        entries.updateOne(
                Filters.eq("_id", 2L),
                Updates.set("hash", trail.withHash(changed).hash()));

        assertThat(trail.verify().brokenAt()).isEqualTo(3L);
    }

    /**
     * Security review finding: with a plain hash chain, someone with the database's credentials edits an entry,
     * recomputes every hash after it, and verification still reports the chain intact. Keyed with a secret the
     * database does not hold, a recomputed chain fails.
     */
    @Test
    void aChainRecomputedWithoutTheKeyFailsVerification() throws Exception {
        reads(4, "intake-1");
        var entries = database.getCollection(AuditTrail.COLLECTION);
        entries.updateOne(Filters.eq("_id", 2L), Updates.set("actor", "someone.else"));
        String previous = entries.find(Filters.eq("_id", 1L)).first().getString("hash");
        for (long seq = 2; seq <= 4; seq++) {
            AuditEntry stored = trail.about("intake-1", null).get((int) seq - 1);
            AuditEntry relinked = new AuditEntry(
                    stored.seq(),
                    stored.at(),
                    stored.actor(),
                    stored.roles(),
                    stored.org(),
                    stored.action(),
                    stored.resourceType(),
                    stored.resourceId(),
                    stored.scopeOrg(),
                    stored.outcome(),
                    stored.correlationId(),
                    previous,
                    null);
            String forged = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(relinked.canonical().getBytes(StandardCharsets.UTF_8)));
            entries.updateOne(
                    Filters.eq("_id", seq),
                    Updates.combine(Updates.set("previousHash", previous), Updates.set("hash", forged)));
            previous = forged;
        }
        AuditTrail withAnotherKey =
                new AuditTrail(database, Clock.systemUTC(), Base64.getDecoder().decode(AuditTrail.newChainKey()));

        assertThat(trail.verify().intact()).isFalse();
        assertThat(trail.verify().brokenAt()).isEqualTo(2L);
        assertThat(withAnotherKey.verify().intact())
                .as("a guessed key verifies nothing")
                .isFalse();
    }

    @Test
    void concurrentAppendsKeepOneUnbrokenChain() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 80; i++) {
            pool.execute(() -> trail.record(SAM, "READ", "intake", "intake-9", "bridges", AuditEntry.Outcome.ALLOWED));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(trail.about("intake-9", null)).hasSize(80);
        assertThat(trail.verify().intact()).isTrue();
    }
}
