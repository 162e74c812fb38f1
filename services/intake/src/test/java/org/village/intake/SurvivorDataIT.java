package org.village.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.events.Topics;
import org.village.intake.store.IntakeStore;
import org.village.security.audit.AuditTrail;
import org.village.security.sealing.KeyVault;
import org.village.testing.EventContracts;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;
import org.village.testing.TopicReader;
import org.village.testing.VillageInfrastructure;
import tools.jackson.databind.JsonNode;

/** Survivor data sealed at rest, erased on request, and every access to it audited. */
class SurvivorDataIT extends RunningService {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    KeyVault keyVault;

    /** Submits an intake whose every personal field carries the canary, and has it assigned to avery. */
    private String assignedIntake(String canary) {
        var request = IntakeRequests.intake(canary + "-first", "q2");
        @SuppressWarnings("unchecked")
        var survivor = (Map<String, Object>) request.get("survivor");
        survivor.put("lastName", canary + "-last");
        survivor.put("phone", "+1 555 " + Math.abs(canary.hashCode() % 10000));
        survivor.put("address", canary + " Street 12");
        request.put(
                "incident",
                Map.of(
                        "occurredAt",
                        "2026-11-20T21:30:00Z",
                        "location",
                        canary + "-place",
                        "relationship",
                        "SPOUSE",
                        "narrative",
                        canary + " narrative"));
        String intakeId =
                api.post("/api/intakes", REYES, request).json().get("intakeId").asString();
        String caseId = "case-" + UUID.randomUUID();
        kafka.send(TestEvents.record(new CaseOpened(
                caseId, intakeId, "bridges", "riverside-pd", "officer.reyes", DangerLevel.HIGH, Instant.now())));
        kafka.send(TestEvents.record(new AdvocateAssigned(caseId, "advocate.avery", null, Instant.now())));
        await().atMost(WAIT)
                .until(() -> api.get("/api/intakes/" + intakeId, AVERY).status() == 200);
        return intakeId;
    }

    private static String canary() {
        return "Canary" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void theRawDocumentsHoldNoPlaintextPersonalData() {
        String canary = canary();
        String intakeId = assignedIntake(canary);

        assertThat(api.get("/api/intakes/" + intakeId, AVERY)
                        .json()
                        .get("survivor")
                        .get("firstName")
                        .asString())
                .isEqualTo(canary + "-first");
        for (MongoDatabase db : List.of(database, keyVault.database())) {
            for (String collection : db.listCollectionNames()) {
                List<String> raw = new ArrayList<>();
                db.getCollection(collection).find().forEach(doc -> raw.add(doc.toJson()));
                assertThat(String.join("\n", raw))
                        .as(collection)
                        .doesNotContain(canary)
                        .doesNotContain("Street 12");
            }
        }
        Document stored = database.getCollection(IntakeStore.COLLECTION)
                .find(Filters.eq("_id", intakeId))
                .first();
        assertThat(stored.get("survivor")).isNull();
        assertThat(stored.get("sealed", Document.class).keySet()).containsExactlyInAnyOrder("survivor", "incident");
    }

    /**
     * Security review finding: the per-survivor keys lived in the same database as the data they protect, so a
     * backup of it plus the master key restored erased data. The keys live in a database of their own.
     */
    @Test
    void aBackupOfTheDataDatabaseHoldsNoKey() {
        String intakeId = assignedIntake(canary());

        assertThat(keyVault.database().getName()).isNotEqualTo(database.getName());
        assertThat(keyVault.database().getCollection(IntakeStore.KEYS).countDocuments(Filters.eq("_id", intakeId)))
                .isEqualTo(1);
        for (String collection : database.listCollectionNames()) {
            for (Document document : database.getCollection(collection).find()) {
                assertThat(document.toJson()).as(collection).doesNotContain("\"key\"");
            }
        }
        assertThat(database.getCollection(IntakeStore.KEYS).countDocuments()).isZero();
    }

    @Test
    void aSealedFieldCopiedOntoAnotherIntakeDoesNotOpen() {
        String first = assignedIntake(canary());
        String second = assignedIntake(canary());
        var intakes = database.getCollection(IntakeStore.COLLECTION);
        Object sealedOfFirst = intakes.find(Filters.eq("_id", first)).first().get("sealed");
        intakes.updateOne(Filters.eq("_id", second), Updates.set("sealed", sealedOfFirst));

        assertThat(api.get("/api/intakes/" + second, AVERY).status()).isEqualTo(500);
        assertThat(api.get("/api/intakes/" + first, AVERY).status()).isEqualTo(200);
    }

    @Test
    void onlyAnAgencySupervisorErasesAndEveryOtherSurvivorIsUntouched() {
        String erased = assignedIntake(canary());
        String kept = assignedIntake(canary());

        assertThat(api.delete("/api/intakes/" + erased + "/personal-data", AVERY)
                        .status())
                .isEqualTo(403);
        assertThat(api.delete("/api/intakes/" + erased + "/personal-data", REYES)
                        .status())
                .isEqualTo(403);
        assertThat(api.delete("/api/intakes/" + erased + "/personal-data", OTHER_SUPERVISOR)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/intakes/" + erased + "/personal-data", ADMIN)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/intakes/" + erased, AVERY)
                        .json()
                        .get("survivor")
                        .has("firstName"))
                .isTrue();

        assertThat(api.delete("/api/intakes/" + erased + "/personal-data", SAM).status())
                .isEqualTo(204);
        assertThat(api.delete("/api/intakes/" + erased + "/personal-data", SAM).status())
                .isEqualTo(204);

        JsonNode after = api.get("/api/intakes/" + erased, AVERY).json();
        assertThat(after.get("survivor").get("erased").asBoolean()).isTrue();
        assertThat(after.get("survivor").has("firstName")).isFalse();
        assertThat(after.get("incident").has("location")).isFalse();
        assertThat(after.get("incident").has("narrative")).isFalse();
        assertThat(after.get("dangerLevel").asString()).isEqualTo("HIGH");
        assertThat(keyVault.database().getCollection(IntakeStore.KEYS).countDocuments(Filters.eq("_id", erased)))
                .isZero();
        assertThat(api.get("/api/intakes/" + kept, AVERY).json().get("survivor").has("firstName"))
                .isTrue();

        var published = TopicReader.awaitRecords(
                VillageInfrastructure.get().kafkaBootstrapServers(),
                List.of(Topics.INTAKE_EVENTS),
                record -> {
                    CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
                    return event.getType().equals("village.intake.personal-data-erased.v1")
                            && erased.equals(event.getSubject());
                },
                1,
                WAIT);
        CloudEvent event = KafkaMessageFactory.createReader(published.get(0)).toEvent();
        EventContracts.assertValid(event.getType(), event.getData().toBytes());
    }

    @Test
    void everyReadIsAuditedAndOnlyAdminsAndTheAgencysSupervisorsReadTheTrail() {
        String intakeId = assignedIntake(canary());
        for (int i = 0; i < 4; i++) {
            api.get("/api/intakes/" + intakeId, AVERY);
        }
        api.get("/api/intakes/" + intakeId, TestTokens.demo("advocate.blake"));

        JsonNode entries =
                api.get("/api/admin/audit?resource=" + intakeId, ADMIN).json().get("items");
        List<JsonNode> reads = new ArrayList<>();
        entries.forEach(e -> {
            if (e.get("actor").asString().equals("advocate.avery")
                    && e.get("action").asString().equals("READ_PERSONAL_DATA")) {
                reads.add(e);
            }
        });
        assertThat(reads).hasSizeGreaterThanOrEqualTo(4);
        assertThat(entries.toString())
                .contains("\"actor\":\"advocate.blake\"")
                .contains("\"outcome\":\"DENIED\"")
                .contains("\"action\":\"SUBMIT\"")
                .doesNotContain("Canary");
        assertThat(reads.get(0).get("correlationId").asString()).isNotBlank();
        assertThat(api.get("/api/admin/audit?resource=" + intakeId, SAM)
                        .json()
                        .get("items")
                        .size())
                .isPositive();
        assertThat(api.get("/api/admin/audit?resource=" + intakeId, OTHER_SUPERVISOR)
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(api.get("/api/admin/audit?resource=" + intakeId, AVERY).status())
                .isEqualTo(403);
        assertThat(api.get("/api/admin/audit?resource=" + intakeId, REYES).status())
                .isEqualTo(403);
    }

    @Test
    void aTamperedAuditEntryIsReported() {
        assignedIntake(canary());
        assertThat(api.get("/api/admin/audit/verify", ADMIN)
                        .json()
                        .get("intact")
                        .asBoolean())
                .isTrue();
        assertThat(api.get("/api/admin/audit/verify", SAM).status()).isEqualTo(403);

        var entries = database.getCollection(AuditTrail.COLLECTION);
        long newest = entries.find().sort(new Document("_id", -1)).first().getLong("_id");
        Document original = entries.find(Filters.eq("_id", newest - 1)).first();
        entries.updateOne(Filters.eq("_id", newest - 1), Updates.set("outcome", "DENIED"));
        try {
            JsonNode verification = api.get("/api/admin/audit/verify", ADMIN).json();
            assertThat(verification.get("intact").asBoolean()).isFalse();
            assertThat(verification.get("brokenAt").asLong()).isEqualTo(newest - 1);
        } finally {
            entries.replaceOne(Filters.eq("_id", newest - 1), original);
        }
    }
}
