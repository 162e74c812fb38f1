package org.village.security.audit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.village.security.Caller;
import org.village.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail on a MongoDB wire-protocol endpoint: every access recorded, any tampering found. */
class AuditTrailIT {

    private static final Caller SAM = Caller.of("supervisor.sam", "bridges", Role.SUPERVISOR);
    private MongoServer server;
    private MongoClient client;
    private AuditTrail trail;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        database = client.getDatabase("audit-test");
        trail = new AuditTrail(database, Clock.systemUTC());
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
    void aSupervisorSeesOnlyTheirAgencysEntries() {
        reads(2, "intake-1");
        trail.record(Caller.of("supervisor.zed", "elsewhere", Role.SUPERVISOR), "READ", "intake", "intake-1",
                "elsewhere", AuditEntry.Outcome.DENIED);

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

    @Test
    void aRewrittenChainIsReportedEvenWithConsistentHashes() {
        reads(3, "intake-1");
        var entries = database.getCollection(AuditTrail.COLLECTION);
        entries.updateOne(Filters.eq("_id", 2L), Updates.set("outcome", "DENIED"));
        var changed = trail.about("intake-1", null).get(1);
        entries.updateOne(Filters.eq("_id", 2L), Updates.set("hash", AuditTrail.withHash(changed).hash()));

        assertThat(trail.verify().brokenAt()).isEqualTo(3L);
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
