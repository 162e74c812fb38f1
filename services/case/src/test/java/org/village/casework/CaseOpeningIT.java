package org.village.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.village.casework.events.CaseOpening;
import org.village.casework.store.CaseStore;
import org.village.events.DangerLevel;
import org.village.events.IntakePersonalDataErased;
import org.village.events.IntakeSubmitted;
import org.village.events.Topics;
import org.village.messaging.OutboxRelay;
import org.village.messaging.store.Migrations;
import org.village.security.sealing.KeyVault;
import org.village.security.sealing.Sealing;
import org.village.testing.ApiClient;
import org.village.testing.EventContracts;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;
import org.village.testing.TopicReader;
import org.village.testing.VillageInfrastructure;
import tools.jackson.databind.JsonNode;

/** case-service opening, assigning and showing cases, against a real Kafka broker and MongoDB endpoint. */
class CaseOpeningIT extends RunningService {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    KeyVault vault;

    @Autowired
    Sealing sealing;

    @Autowired
    OutboxRelay relay;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
        database.getCollection(CaseStore.COLLECTION).deleteMany(Filters.empty());
    }

    private static ProducerRecord<String, byte[]> submitted(IntakeSubmitted intake) {
        return TestEvents.record(intake);
    }

    private static IntakeSubmitted intake(String officer, DangerLevel level) {
        return new IntakeSubmitted(
                UUID.randomUUID().toString(),
                "riverside-pd",
                officer,
                Instant.now(),
                level,
                level == DangerLevel.HIGH,
                level == DangerLevel.HIGH ? "PROTOCOL_QUESTIONS_1_3" : "NOT_SCREENED_IN",
                true,
                List.of("SHELTER"),
                "es",
                2);
    }

    private JsonNode awaitCase(String intakeId, String reader) {
        String caseId = CaseOpening.caseIdFor(intakeId);
        await().atMost(WAIT).until(() -> api.get("/api/cases/" + caseId, reader).status() == 200);
        return api.get("/api/cases/" + caseId, reader).json();
    }

    @Test
    void anIntakeOpensAnAssignedCaseWithFollowUpsAndPublishesValidEvents() {
        IntakeSubmitted intake = intake("officer.reyes", DangerLevel.HIGH);
        kafka.send(submitted(intake));

        JsonNode file = awaitCase(intake.intakeId(), SAM);
        String caseId = file.get("caseId").asString();
        assertThat(file.get("advocate").asString()).isEqualTo("advocate.avery");
        assertThat(file.get("dangerLevel").asString()).isEqualTo("HIGH");
        assertThat(file.get("tasks").findValuesAsString("kind"))
                .containsExactlyInAnyOrder("ADVOCATE_FIRST_CONTACT", "OFFICER_WELFARE_CHECK");
        assertThat(file.get("timeline").size()).isGreaterThanOrEqualTo(4);

        List<ConsumerRecord<String, byte[]>> published = TopicReader.awaitRecords(
                VillageInfrastructure.get().kafkaBootstrapServers(),
                List.of(Topics.CASE_EVENTS),
                record -> caseId.equals(record.key()),
                4,
                WAIT);
        List<String> types = published.stream()
                .map(r -> {
                    CloudEvent event = KafkaMessageFactory.createReader(r).toEvent();
                    EventContracts.assertValid(event.getType(), event.getData().toBytes());
                    return event.getType();
                })
                .toList();
        assertThat(types)
                .containsExactly(
                        "village.case.opened.v1",
                        "village.case.advocate-assigned.v1",
                        "village.case.task-scheduled.v1",
                        "village.case.task-scheduled.v1");
    }

    @Test
    void aReplayedIntakeOpensNoSecondCase() {
        IntakeSubmitted intake = intake("officer.reyes", DangerLevel.STANDARD);
        ProducerRecord<String, byte[]> record = submitted(intake);
        kafka.send(record);
        kafka.send(TestEvents.again(record));
        kafka.send(submitted(intake));
        IntakeSubmitted marker = intake("officer.reyes", DangerLevel.STANDARD);
        kafka.send(new ProducerRecord<>(
                Topics.INTAKE_EVENTS,
                0,
                marker.intakeId(),
                submitted(marker).value(),
                submitted(marker).headers()));

        awaitCase(intake.intakeId(), SAM);
        awaitCase(marker.intakeId(), SAM);
        assertThat(database.getCollection(CaseStore.COLLECTION)
                        .countDocuments(Filters.eq("intakeId", intake.intakeId())))
                .isEqualTo(1);
    }

    @Test
    void highDangerCasesAreSpreadOverTheAgencysAdvocates() {
        IntakeSubmitted first = intake("officer.reyes", DangerLevel.HIGH);
        kafka.send(submitted(first));
        awaitCase(first.intakeId(), SAM);
        IntakeSubmitted second = intake("officer.chen", DangerLevel.HIGH);
        kafka.send(submitted(second));

        assertThat(awaitCase(second.intakeId(), SAM).get("advocate").asString()).isEqualTo("advocate.blake");
        assertThat(api.get("/api/cases", AVERY).json().get("items").findValuesAsString("intakeId"))
                .containsExactly(first.intakeId());
        assertThat(api.get("/api/cases", SAM).json().get("items")).hasSize(2);
        JsonNode caseload = api.get("/api/caseload", BLAKE).json();
        assertThat(caseload.get("openCases").asInt()).isEqualTo(1);
        assertThat(caseload.get("highDanger").asInt()).isEqualTo(1);
    }

    /**
     * Cases stored before the load fields existed count for their advocates once the store has started again: a
     * new HIGH case goes to the advocate without any.
     */
    @Test
    void casesStoredBeforeTheLoadFieldsCountForAssignmentAfterARestart() {
        for (int i = 0; i < 2; i++) {
            database.getCollection(CaseStore.COLLECTION)
                    .insertOne(storedBefore("advocate.avery", "HIGH").append("tasks", List.of()));
        }
        database.getCollection(Migrations.COLLECTION).deleteOne(Filters.eq("_id", "advocate-load-fields"));

        new CaseStore(database, vault, sealing, relay); // as the service does when it starts

        IntakeSubmitted intake = intake("officer.reyes", DangerLevel.HIGH);
        kafka.send(submitted(intake));
        assertThat(awaitCase(intake.intakeId(), SAM).get("advocate").asString()).isEqualTo("advocate.blake");
    }

    /**
     * Cases stored before the caseload fields existed are in their advocate's caseload once the store has started
     * again: the task due today, the one overdue and the pending referrals are counted.
     */
    @Test
    void casesStoredBeforeTheCaseloadFieldsAreCountedAfterARestart() {
        Instant now = Instant.now();
        database.getCollection(CaseStore.COLLECTION)
                .insertOne(storedBefore("advocate.blake", "STANDARD")
                        .append("openFor", "advocate.blake")
                        .append("version", 3L)
                        .append("tasks", List.of(task("a", "OVERDUE", now.minusSeconds(3_600)), task("b", "DONE", now)))
                        .append("pendingReferrals", 2));
        database.getCollection(Migrations.COLLECTION).deleteOne(Filters.eq("_id", "caseload-fields"));

        new CaseStore(database, vault, sealing, relay); // as the service does when it starts

        JsonNode caseload = api.get("/api/caseload", BLAKE).json();
        assertThat(caseload.get("openCases").asInt()).isEqualTo(1);
        assertThat(caseload.get("overdueTasks").asInt()).isEqualTo(1);
        assertThat(caseload.get("dueToday").asInt()).isEqualTo(1);
        assertThat(caseload.get("pendingReferrals").asInt()).isEqualTo(2);
    }

    /**
     * Cases stored before the sweep fields existed are found by the sweeps once the store has started again: the
     * overdue sweep finds the one with an OPEN task past due, and the case whose tasks are done is not read.
     */
    @Test
    void casesStoredBeforeTheSweepFieldsAreSweptAfterARestart() {
        Instant now = Instant.now();
        Document due = storedBefore("advocate.blake", "STANDARD")
                .append("version", 2L)
                .append("tasks", List.of(task("c", "OPEN", now.minusSeconds(60)), task("d", "DONE", now)));
        Document done = storedBefore("advocate.blake", "STANDARD")
                .append("version", 2L)
                .append("tasks", List.of(task("e", "DONE", now.minusSeconds(60))));
        database.getCollection(CaseStore.COLLECTION).insertMany(List.of(due, done));
        database.getCollection(Migrations.COLLECTION).deleteOne(Filters.eq("_id", "sweep-fields"));

        CaseStore restarted = new CaseStore(database, vault, sealing, relay); // as the service does when it starts

        assertThat(restarted.withTasksDueBy(now)).contains(due.getString("_id")).doesNotContain(done.getString("_id"));
        assertThat(restarted.withTasksDueBy(now.minusSeconds(120))).doesNotContain(due.getString("_id"));
    }

    /** An open case as stored before the fields kept for counting existed. */
    private static Document storedBefore(String advocate, String dangerLevel) {
        return new Document("_id", "stored-before-" + UUID.randomUUID())
                .append("intakeId", UUID.randomUUID().toString())
                .append("agencyId", "bridges")
                .append("departmentId", "riverside-pd")
                .append("officerId", "officer.reyes")
                .append("dangerLevel", dangerLevel)
                .append("status", "OPEN")
                .append("advocate", advocate)
                .append("openedAt", new Date())
                .append("timeline", List.of())
                .append("pendingReferrals", 0);
    }

    private static Document task(String id, String status, Instant due) {
        return new Document("taskId", id)
                .append("kind", "ADVOCATE_FIRST_CONTACT")
                .append("assignee", "advocate.blake")
                .append("assigneeRole", "ADVOCATE")
                .append("dueAt", Date.from(due))
                .append("priority", "HIGH")
                .append("status", status)
                .append("createdAt", Date.from(due.minusSeconds(60)));
    }

    @Test
    void onlyTheAssignedAdvocateAndAgencySupervisorsReadACase() {
        IntakeSubmitted intake = intake("officer.reyes", DangerLevel.HIGH);
        kafka.send(submitted(intake));
        String caseId = awaitCase(intake.intakeId(), SAM).get("caseId").asString();
        String reyes = TestTokens.demo("officer.reyes");

        assertThat(api.get("/api/cases/" + caseId, AVERY).status()).isEqualTo(200);
        for (String stranger : List.of(BLAKE, OTHER_SUPERVISOR, HARBOR, ADMIN, reyes)) {
            ApiClient.Response response = api.get("/api/cases/" + caseId, stranger);
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().get("type").asString()).isEqualTo("not-found");
        }
        for (String noCaseload : List.of(HARBOR, ADMIN, reyes)) {
            assertThat(api.get("/api/cases", noCaseload).status()).isEqualTo(403);
            assertThat(api.get("/api/caseload", noCaseload).status()).isEqualTo(403);
        }
        assertThat(api.get("/api/cases", null).status()).isEqualTo(401);
    }

    @Test
    void readsOfACaseAreAuditedAndAnErasureIsNotedOnItsTimeline() {
        IntakeSubmitted intake = intake("officer.reyes", DangerLevel.HIGH);
        kafka.send(submitted(intake));
        String caseId = awaitCase(intake.intakeId(), SAM).get("caseId").asString();
        api.get("/api/cases/" + caseId, BLAKE);

        JsonNode trail =
                api.get("/api/admin/audit?resource=" + caseId, ADMIN).json().get("items");
        assertThat(trail.toString())
                .contains("\"actor\":\"supervisor.sam\"")
                .contains("\"outcome\":\"ALLOWED\"")
                .contains("\"actor\":\"advocate.blake\"")
                .contains("\"outcome\":\"DENIED\"");

        var erased = TestEvents.record(new IntakePersonalDataErased(intake.intakeId(), caseId, Instant.now()));
        kafka.send(erased);
        kafka.send(TestEvents.again(erased));
        await().atMost(WAIT)
                .until(() -> api.get("/api/cases/" + caseId, SAM)
                        .json()
                        .get("timeline")
                        .toString()
                        .contains("PERSONAL_DATA_ERASED"));
        JsonNode timeline = api.get("/api/cases/" + caseId, SAM).json().get("timeline");
        assertThat(timeline.findValuesAsString("type").stream().filter("PERSONAL_DATA_ERASED"::equals))
                .hasSize(1);
        assertThat(timeline.get(0).get("type").asString()).isEqualTo("PERSONAL_DATA_ERASED");
    }

    @Test
    void anOfficerSeesTheirFollowUpButNothingOfTheCase() {
        String officer = "officer." + UUID.randomUUID().toString().substring(0, 6);
        String token = TestTokens.token(officer, "riverside-pd", "OFFICER");
        IntakeSubmitted intake = intake(officer, DangerLevel.HIGH);
        kafka.send(submitted(intake));
        awaitCase(intake.intakeId(), SAM);

        JsonNode tasks = api.get("/api/tasks?mine=true", token).json().get("items");
        assertThat(tasks).hasSize(1);
        JsonNode task = tasks.get(0);
        assertThat(task.get("kind").asString()).isEqualTo("OFFICER_WELFARE_CHECK");
        assertThat(task.get("status").asString()).isEqualTo("OPEN");
        assertThat(task.has("advocate")).isFalse();
        assertThat(task.has("dangerLevel")).isFalse();
        assertThat(api.get("/api/tasks?mine=true", AVERY).json().get("items").findValuesAsString("kind"))
                .contains("ADVOCATE_FIRST_CONTACT")
                .doesNotContain("OFFICER_WELFARE_CHECK");
    }
}
