package org.village.casework;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.village.casework.domain.CaseFile;
import org.village.casework.domain.Task;
import org.village.casework.domain.TaskStatus;
import org.village.casework.domain.TimelineEntry;
import org.village.casework.events.CaseSweeps;
import org.village.casework.store.CaseStore;
import org.village.events.DangerLevel;
import org.village.events.IntakePersonalDataErased;
import org.village.events.IntakeSubmitted;
import org.village.events.NotificationAcknowledged;
import org.village.events.NotificationEscalated;
import org.village.events.ReferralAccepted;
import org.village.events.ReferralCompleted;
import org.village.events.ReferralDeclined;
import org.village.events.ReferralRequested;
import org.village.events.ReferralRevoked;
import org.village.events.Topics;
import org.village.testing.ApiClient;
import org.village.testing.EventContracts;
import org.village.testing.MutableClock;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;
import org.village.testing.TopicReader;
import org.village.testing.VillageInfrastructure;
import org.village.web.PageRequest;
import tools.jackson.databind.JsonNode;

/**
 * An advocate's day on real Kafka and MongoDB: tasks, consents, orders, safety plan, closure; concurrency and
 * replays.
 */
class AdvocateDayIT extends RunningService {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    CaseStore store;

    @Autowired
    CaseSweeps sweeps;

    @Autowired
    MutableClock clock;

    CaseFixtures fixtures;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
        fixtures = new CaseFixtures(kafka, store);
    }

    private List<CloudEvent> published(String caseId, String type, int expected) {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.awaitRecords(
                VillageInfrastructure.get().kafkaBootstrapServers(),
                List.of(Topics.CASE_EVENTS),
                r -> caseId.equals(r.key())
                        && type.equals(
                                KafkaMessageFactory.createReader(r).toEvent().getType()),
                expected,
                WAIT);
        List<CloudEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
            EventContracts.assertValid(event.getType(), event.getData().toBytes());
            events.add(event);
        }
        return events;
    }

    private static Map<String, Object> consent(String recipient, Instant expiresAt) {
        return consent(recipient, List.of("FIRST_NAME", "NEEDS"), "ELECTRONIC_SIGNATURE", expiresAt);
    }

    private static Map<String, Object> consent(String recipient, List<String> scope, String form, Instant expiresAt) {
        return Map.of(
                "recipientType",
                "SHELTER",
                "recipientId",
                recipient,
                "scope",
                scope,
                "form",
                form,
                "expiresAt",
                expiresAt.toString());
    }

    @Test
    void anAdvocatesDayFromFirstContactToClosure() {
        String caseId = fixtures.caseOf("advocate.avery");
        Instant now = clock.instant();

        ApiClient.Response task = api.post(
                "/api/cases/" + caseId + "/tasks",
                AVERY,
                Map.of(
                        "kind",
                        "COURT_ACCOMPANIMENT",
                        "assignee",
                        "advocate.avery",
                        "dueAt",
                        now.plus(Duration.ofDays(3)).toString(),
                        "note",
                        "Hearing"));
        assertThat(task.status()).isEqualTo(201);
        assertThat(api.post(
                                "/api/tasks/" + caseId + ":ADVOCATE_FIRST_CONTACT/complete",
                                AVERY,
                                Map.of("outcome", "Safety planning call"))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("DONE");
        assertThat(api.post("/api/tasks/" + caseId + ":OFFICER_WELFARE_CHECK/complete", AVERY, Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/tasks/" + caseId + ":OFFICER_WELFARE_CHECK/complete", REYES, Map.of())
                        .status())
                .isEqualTo(200);

        JsonNode granted = api.post(
                        "/api/cases/" + caseId + "/consents",
                        AVERY,
                        consent("harbor-house", now.plus(Duration.ofDays(30))))
                .json();
        assertThat(granted.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(api.delete(
                                "/api/cases/" + caseId + "/consents/"
                                        + granted.get("consentId").asString(),
                                AVERY)
                        .status())
                .isEqualTo(204);

        String orderId = api.post(
                        "/api/cases/" + caseId + "/protective-orders",
                        AVERY,
                        Map.of(
                                "status",
                                "TEMPORARY",
                                "courtDate",
                                "2026-12-15",
                                "expiresAt",
                                now.plus(Duration.ofDays(20)).toString()))
                .json()
                .get("orderId")
                .asString();
        assertThat(api.patch(
                                "/api/cases/" + caseId + "/protective-orders/" + orderId,
                                AVERY,
                                Map.of("status", "SERVED"))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("SERVED");

        JsonNode plan = api.put(
                        "/api/cases/" + caseId + "/safety-plan",
                        AVERY,
                        Map.of(
                                "version",
                                0,
                                "steps",
                                List.of("Code word with sister"),
                                "safeContacts",
                                List.of("Sister"),
                                "notes",
                                "Car keys"))
                .json();
        assertThat(plan.get("version").asLong()).isEqualTo(1);

        assertThat(api.post("/api/cases/" + caseId + "/closure-request", AVERY, Map.of("reason", "SAFE_AND_STABLE"))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("CLOSURE_REQUESTED");
        JsonNode closed =
                api.post("/api/cases/" + caseId + "/closure", SAM, null).json();
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("tasks").findValuesAsString("status")).doesNotContain("OPEN", "OVERDUE");
        assertThat(closed.get("safetyPlan").get("steps").get(0).asString()).isEqualTo("Code word with sister");
        assertThat(closed.get("timeline").get(0).get("type").asString()).isEqualTo("CASE_CLOSED");
        assertThat(closed.get("timeline").findValuesAsString("type"))
                .contains(
                        "CONSENT_GRANTED",
                        "CONSENT_REVOKED",
                        "PROTECTIVE_ORDER",
                        "SAFETY_PLAN_UPDATED",
                        "TASK_COMPLETED",
                        "CLOSURE_REQUESTED");
        assertThat(closed.toString()).doesNotContain("Car keys\",\"type");

        published(caseId, "village.case.task-completed.v1", 2);
        published(caseId, "village.case.consent-granted.v1", 1);
        published(caseId, "village.case.consent-revoked.v1", 1);
        published(caseId, "village.case.protective-order-changed.v1", 2);
        published(caseId, "village.case.task-cancelled.v1", 1);
        published(caseId, "village.case.closed.v1", 1);
        assertThat(api.post(
                                "/api/cases/" + caseId + "/tasks",
                                AVERY,
                                Map.of(
                                        "kind",
                                        "CALL",
                                        "assignee",
                                        "advocate.avery",
                                        "dueAt",
                                        now.plus(Duration.ofDays(1)).toString()))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void invalidConsentsAreRefusedNamingTheProblem() {
        String caseId = fixtures.caseOf("advocate.avery");
        Instant now = clock.instant();
        assertProblem(
                api.post(
                        "/api/cases/" + caseId + "/consents",
                        AVERY,
                        consent("unknown-shelter", now.plus(Duration.ofDays(10)))),
                400,
                "recipientId");
        assertProblem(
                api.post(
                        "/api/cases/" + caseId + "/consents",
                        AVERY,
                        consent("harbor-house", now.plus(Duration.ofDays(91)))),
                400,
                "expiresAt");
        assertProblem(
                api.post("/api/cases/" + caseId + "/consents", AVERY, consent("harbor-house", now.minusSeconds(60))),
                400,
                "expiresAt");
        assertProblem(
                api.post(
                        "/api/cases/" + caseId + "/consents",
                        AVERY,
                        consent("harbor-house", List.of(), "WRITTEN", now.plus(Duration.ofDays(10)))),
                400,
                "scope");
        assertThat(store.find(caseId).orElseThrow().consents()).isEmpty();
    }

    @Test
    void aConsentRefusedForASpanishSpeakingAdvocateSaysWhyInSpanish() {
        String caseId = fixtures.caseOf("advocate.avery");
        Instant now = clock.instant();
        ApiClient.Response tooLong = api.post(
                "/api/cases/" + caseId + "/consents",
                AVERY,
                consent("harbor-house", now.plus(Duration.ofDays(91))),
                Map.of("Accept-Language", "es-US,es;q=0.9"));
        assertProblem(tooLong, 400, "expiresAt");
        assertThat(tooLong.header("Content-Language")).isEqualTo("es");
        assertThat(tooLong.json().get("errors").get(0).get("message").asString())
                .isEqualTo("puede ser como mucho 90 días después de dar el consentimiento");

        ApiClient.Response unknownDetail = api.post(
                "/api/cases/" + caseId + "/consents",
                AVERY,
                consent("harbor-house", List.of("SHOE_SIZE"), "WRITTEN", now.plus(Duration.ofDays(10))),
                Map.of("Accept-Language", "es"));
        assertProblem(unknownDetail, 400, "SHOE_SIZE no es un dato que se pueda compartir");

        ApiClient.Response inEnglish = api.post(
                "/api/cases/" + caseId + "/consents", AVERY, consent("harbor-house", now.plus(Duration.ofDays(91))));
        assertProblem(inEnglish, 400, "may be at most 90 days after the consent was given");
        assertThat(inEnglish.header("Content-Language")).isEqualTo("en");
        assertThat(store.find(caseId).orElseThrow().consents()).isEmpty();
    }

    @Test
    void concurrentEditsAreNeverLost() throws Exception {
        String caseId = fixtures.caseOf("advocate.avery");
        Instant due = clock.instant().plus(Duration.ofDays(2));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<Integer>> edits = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String token = i % 2 == 0 ? AVERY : SAM;
            int n = i;
            edits.add(() -> api.post(
                            "/api/cases/" + caseId + "/tasks",
                            token,
                            Map.of(
                                    "kind",
                                    "CALL_" + (char) ('A' + n % 26),
                                    "assignee",
                                    "advocate.avery",
                                    "dueAt",
                                    due.toString()))
                    .status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : pool.invokeAll(edits)) {
            statuses.add(result.get());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(201);
        assertThat(store.find(caseId).orElseThrow().tasks()).hasSize(2 + 30);
    }

    @Test
    void aStaleSafetyPlanCannotOverwriteANewerOne() throws Exception {
        String caseId = fixtures.caseOf("advocate.avery");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<Integer>> editors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            editors.add(() -> api.put(
                            "/api/cases/" + caseId + "/safety-plan",
                            AVERY,
                            Map.of("version", 0, "steps", List.of("Plan from editor " + n)))
                    .status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : pool.invokeAll(editors)) {
            statuses.add(result.get());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(5);
        assertProblem(
                api.put("/api/cases/" + caseId + "/safety-plan", AVERY, Map.of("version", 0, "steps", List.of())),
                409,
                "version 0");
        assertThat(api.put("/api/cases/" + caseId + "/safety-plan", AVERY, Map.of("version", 1, "steps", List.of("v2")))
                        .json()
                        .get("version")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void aRetriedRequestWithTheSameIdempotencyKeyChangesTheCaseOnce() {
        String caseId = fixtures.caseOf("advocate.avery");
        Map<String, String> key = Map.of("Idempotency-Key", "add-task-" + UUID.randomUUID());
        Map<String, Object> body = Map.of(
                "kind",
                "CALL_BACK",
                "assignee",
                "advocate.avery",
                "dueAt",
                clock.instant().plus(Duration.ofDays(1)).toString());

        ApiClient.Response first = api.post("/api/cases/" + caseId + "/tasks", AVERY, body, key);
        ApiClient.Response retry = api.post("/api/cases/" + caseId + "/tasks", AVERY, body, key);

        assertThat(retry.json().get("taskId").asString())
                .isEqualTo(first.json().get("taskId").asString());
        assertThat(store.find(caseId).orElseThrow().tasks()).hasSize(3);
        Map<String, String> orderKey = Map.of("Idempotency-Key", "order-" + UUID.randomUUID());
        api.post("/api/cases/" + caseId + "/protective-orders", AVERY, Map.of("status", "REQUESTED"), orderKey);
        api.post("/api/cases/" + caseId + "/protective-orders", AVERY, Map.of("status", "REQUESTED"), orderKey);
        assertThat(store.find(caseId).orElseThrow().protectiveOrders()).hasSize(1);
    }

    @Test
    void theOverdueSweepMarksEachTaskOnceEvenWhenTwoInstancesRunIt() throws Exception {
        String caseId = fixtures.caseOf("advocate.avery");
        clock.advance(Duration.ofHours(25));
        try {
            ExecutorService instances = Executors.newFixedThreadPool(2);
            List<Callable<Integer>> sweepsAtOnce =
                    List.of(() -> sweeps.markOverdue(clock.instant()), () -> sweeps.markOverdue(clock.instant()));
            for (Future<Integer> result : instances.invokeAll(sweepsAtOnce)) {
                result.get();
            }
            instances.shutdown();
            sweeps.sweep();

            JsonNode file = api.get("/api/cases/" + caseId, AVERY).json();
            assertThat(file.get("tasks").findValuesAsString("status")).containsExactlyInAnyOrder("OVERDUE", "OPEN");
            List<CloudEvent> overdue = published(caseId, "village.case.task-overdue.v1", 1);
            assertThat(overdue).hasSize(1);
            assertThat(api.get("/api/caseload", AVERY)
                            .json()
                            .get("overdueTasks")
                            .asInt())
                    .isPositive();
        } finally {
            clock.advance(Duration.ofHours(-25));
        }
    }

    /**
     * The sweeps read the cases with something due, through an index: an OPEN task once its time has come (not
     * after it is marked OVERDUE), an order in force once its reminder window has begun (not after its reminder).
     */
    @Test
    void theSweepsFindACaseOnlyWhileSomethingInItIsDue() {
        String caseId = fixtures.caseOf("advocate.avery");
        Instant now = clock.instant();
        Instant dayLater = now.plus(Duration.ofHours(25));
        assertThat(store.withTasksDueBy(now)).doesNotContain(caseId);
        assertThat(store.withTasksDueBy(dayLater)).contains(caseId);
        sweeps.markOverdue(dayLater);
        // its first contact is OVERDUE now; the welfare check is due later still
        assertThat(store.withTasksDueBy(dayLater)).doesNotContain(caseId);

        recordFinalOrder(caseId, now.plus(Duration.ofDays(10)));
        assertThat(store.withOrderRemindersDueBy(now.plus(Duration.ofDays(7)))).doesNotContain(caseId);
        assertThat(store.withOrderRemindersDueBy(now.plus(Duration.ofDays(11)))).contains(caseId);
        sweeps.remindExpiringOrders(now.plus(Duration.ofDays(4)));
        assertThat(store.withOrderRemindersDueBy(now.plus(Duration.ofDays(11)))).doesNotContain(caseId);
    }

    /** The advocate records a FINAL protective order on the case, expiring at {@code expiresAt}. */
    private void recordFinalOrder(String caseId, Instant expiresAt) {
        assertThat(api.post(
                                "/api/cases/" + caseId + "/protective-orders",
                                AVERY,
                                Map.of("status", "FINAL", "expiresAt", expiresAt.toString()))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void anOrderAboutToExpireRemindsTheAdvocateAndTheOfficerOnce() {
        String caseId = fixtures.caseOf("advocate.avery");
        recordFinalOrder(caseId, clock.instant().plus(Duration.ofDays(10)));

        sweeps.remindExpiringOrders(clock.instant());
        assertThat(store.find(caseId).orElseThrow().timeline())
                .noneMatch(e -> e.type().equals("PROTECTIVE_ORDER_EXPIRING"));
        Instant fourDaysLater = clock.instant().plus(Duration.ofDays(4));
        sweeps.remindExpiringOrders(fourDaysLater);
        sweeps.remindExpiringOrders(fourDaysLater.plus(Duration.ofHours(1)));

        List<CloudEvent> reminders = published(caseId, "village.case.protective-order-expiring.v1", 1);
        assertThat(reminders).hasSize(1);
        assertThat(new String(reminders.get(0).getData().toBytes(), UTF_8))
                .contains("\"advocateId\":\"advocate.avery\"")
                .contains("\"officerId\":\"officer.reyes\"");
        assertThat(store.find(caseId).orElseThrow().timeline())
                .filteredOn(e -> e.type().equals("PROTECTIVE_ORDER_EXPIRING"))
                .hasSize(1);
    }

    @Test
    void reassignmentByASupervisorMovesTheOpenAdvocateTasks() {
        String caseId = fixtures.caseOf("advocate.avery");

        assertProblem(
                api.post("/api/cases/" + caseId + "/assignment", SAM, Map.of("advocate", "advocate.nobody")),
                400,
                "advocate");
        assertThat(api.post("/api/cases/" + caseId + "/assignment", AVERY, Map.of("advocate", "advocate.blake"))
                        .status())
                .isEqualTo(403);
        JsonNode moved = api.post("/api/cases/" + caseId + "/assignment", SAM, Map.of("advocate", "advocate.blake"))
                .json();

        assertThat(moved.get("advocate").asString()).isEqualTo("advocate.blake");
        assertThat(moved.get("tasks").findValuesAsString("assignee"))
                .contains("advocate.blake", "officer.reyes")
                .doesNotContain("advocate.avery");
        assertThat(api.get("/api/cases/" + caseId, AVERY).status()).isEqualTo(404);
        List<CloudEvent> assignments = published(caseId, "village.case.advocate-assigned.v1", 3);
        assertThat(assignments)
                .anySatisfy(e -> assertThat(new String(e.getData().toBytes(), UTF_8))
                        .contains("\"previousAdvocateId\":\"advocate.avery\"")
                        .contains("\"advocateId\":\"advocate.blake\""));
    }

    @Test
    void anAcknowledgedNotificationAppearsOnTheTimelineOnce() {
        String caseId = fixtures.caseOf("advocate.avery");
        var acknowledged = TestEvents.record(new NotificationAcknowledged(
                "n-" + caseId, caseId, "advocate.avery", clock.instant(), "CASE_ASSIGNED"));
        kafka.send(acknowledged);
        kafka.send(TestEvents.again(acknowledged));

        await().atMost(WAIT)
                .until(() -> api.get("/api/cases/" + caseId, AVERY)
                        .json()
                        .get("timeline")
                        .get(0)
                        .get("type")
                        .asString()
                        .equals("NOTIFICATION_ACKNOWLEDGED"));
        JsonNode timeline = api.get("/api/cases/" + caseId, AVERY).json().get("timeline");
        assertThat(timeline.findValuesAsString("type").stream().filter("NOTIFICATION_ACKNOWLEDGED"::equals))
                .hasSize(1);
        assertThat(timeline.get(0).get("summary").asString()).isEqualTo("CASE_ASSIGNED acknowledged by advocate.avery");
    }

    @Test
    void anEscalatedNotificationAppearsOnTheTimelineOnce() {
        String caseId = fixtures.caseOf("advocate.avery");
        var escalated = TestEvents.record(new NotificationEscalated(
                "n-" + caseId, caseId, "advocate.avery", clock.instant(), "TASK_OVERDUE", "supervisor.sam", 2));
        kafka.send(escalated);
        kafka.send(TestEvents.again(escalated));

        await().atMost(WAIT)
                .until(() -> api.get("/api/cases/" + caseId, AVERY)
                        .json()
                        .get("timeline")
                        .get(0)
                        .get("type")
                        .asString()
                        .equals("NOTIFICATION_ESCALATED"));
        JsonNode timeline = api.get("/api/cases/" + caseId, AVERY).json().get("timeline");
        assertThat(timeline.findValuesAsString("type").stream().filter("NOTIFICATION_ESCALATED"::equals))
                .hasSize(1);
        assertThat(timeline.get(0).get("summary").asString())
                .isEqualTo("TASK_OVERDUE to advocate.avery unacknowledged after 2 sends; escalated to supervisor.sam");
    }

    @Test
    void aCasesPendingReferralsFollowItsReferralsOnceEachInWhateverOrderTheyCome() {
        String caseId = fixtures.caseOf("advocate.avery");
        Instant now = clock.instant();
        var first = TestEvents.record(new ReferralRequested(
                "r1-" + caseId,
                caseId,
                "harbor-house",
                "advocate.avery",
                2,
                DangerLevel.HIGH,
                now.plusSeconds(14_400)));
        kafka.send(first);
        kafka.send(TestEvents.again(first));
        kafka.send(TestEvents.record(new ReferralRequested(
                "r2-" + caseId, caseId, "safe-haven", "advocate.avery", 1, DangerLevel.HIGH, now.plusSeconds(14_400))));
        // a revocation overtaken by nothing: its request never came, and it must not count below zero
        kafka.send(TestEvents.record(new ReferralRevoked("r3-" + caseId, caseId, "safe-haven", now, null)));

        await().atMost(WAIT).until(() -> pendingReferrals(caseId) == 2);
        assertThat(api.get("/api/caseload", AVERY)
                        .json()
                        .get("pendingReferrals")
                        .asLong())
                .isGreaterThanOrEqualTo(2);

        var accepted = TestEvents.record(new ReferralAccepted("r1-" + caseId, caseId, "harbor-house", now, null));
        kafka.send(accepted);
        kafka.send(TestEvents.again(accepted));
        kafka.send(TestEvents.record(new ReferralDeclined("r2-" + caseId, caseId, "safe-haven", now, "NO_CAPACITY")));
        // a late copy of a request whose referral has already been answered does not make it pending again
        kafka.send(TestEvents.again(first));
        await().atMost(WAIT)
                .until(() -> api.get("/api/cases/" + caseId, AVERY)
                        .json()
                        .get("timeline")
                        .findValuesAsString("type")
                        .contains("REFERRAL_DECLINED"));
        assertThat(pendingReferrals(caseId)).isZero();
        JsonNode timeline = api.get("/api/cases/" + caseId, AVERY).json().get("timeline");
        assertThat(timeline.findValuesAsString("type").stream().filter("REFERRAL_REQUESTED"::equals))
                .hasSize(2);
        assertThat(timeline.findValuesAsString("type").stream().filter("REFERRAL_ACCEPTED"::equals))
                .hasSize(1);
        assertThat(timeline.findValuesAsString("summary"))
                .contains("Referral to harbor-house (2 beds held)", "Referral to safe-haven declined: NO_CAPACITY");

        kafka.send(TestEvents.record(new ReferralCompleted("r1-" + caseId, caseId, "harbor-house", now, null)));
        await().atMost(WAIT)
                .until(() -> api.get("/api/cases/" + caseId, AVERY)
                        .json()
                        .get("timeline")
                        .findValuesAsString("type")
                        .contains("REFERRAL_COMPLETED"));
        assertThat(pendingReferrals(caseId)).isZero();
    }

    /** The case's pending referrals as its advocate's case list shows them. */
    private long pendingReferrals(String caseId) {
        for (JsonNode item : api.get("/api/cases?limit=200", AVERY).json().get("items")) {
            if (caseId.equals(item.get("caseId").asString())) {
                return item.get("pendingReferrals").asLong();
            }
        }
        throw new AssertionError("case " + caseId + " is not in advocate.avery's list");
    }

    @Test
    void erasureMakesTheSafetyPlanUnreadable() {
        String caseId = fixtures.caseOf("advocate.avery");
        api.put(
                "/api/cases/" + caseId + "/safety-plan",
                AVERY,
                Map.of("version", 0, "steps", List.of("Leave at night")));
        String intakeId = store.find(caseId).orElseThrow().intakeId();

        kafka.send(TestEvents.record(new IntakePersonalDataErased(intakeId, caseId, clock.instant())));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(api.get("/api/cases/" + caseId, AVERY)
                                .json()
                                .get("safetyPlan")
                                .get("erased")
                                .asBoolean())
                        .isTrue());
        assertThat(api.get("/api/cases/" + caseId, AVERY).toString()).doesNotContain("Leave at night");
    }

    @Test
    void freeTextThatCanHoldPersonalDataIsStoredSealedAndGoesWithErasure() {
        String canary = "Zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String caseId = fixtures.caseOf("advocate.avery");
        assertThat(api.post(
                                "/api/cases/" + caseId + "/tasks",
                                AVERY,
                                Map.of(
                                        "kind",
                                        "COURT_ACCOMPANIMENT",
                                        "assignee",
                                        "advocate.avery",
                                        "dueAt",
                                        clock.instant().plus(Duration.ofDays(3)).toString(),
                                        "note",
                                        canary + " note"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(
                                "/api/tasks/" + caseId + ":ADVOCATE_FIRST_CONTACT/complete",
                                AVERY,
                                Map.of("outcome", "at sister's, 14 Oak Rd, new phone " + canary))
                        .status())
                .isEqualTo(200);
        assertThat(api.post(
                                "/api/cases/" + caseId + "/closure-request",
                                AVERY,
                                Map.of("reason", "SAFE_AND_STABLE", "note", "Moved to " + canary))
                        .status())
                .isEqualTo(200);

        String read = api.get("/api/cases/" + caseId, AVERY).text();
        assertThat(read).contains(canary + " note", "14 Oak Rd, new phone " + canary, "Moved to " + canary);
        assertThat(rawCaseDatabase()).doesNotContain(canary);

        kafka.send(TestEvents.record(
                new IntakePersonalDataErased(store.find(caseId).orElseThrow().intakeId(), caseId, clock.instant())));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(api.get("/api/cases/" + caseId, AVERY).text())
                                .doesNotContain(canary));
        assertThat(rawCaseDatabase()).doesNotContain(canary);
        assertThat(store.find(caseId).orElseThrow().tasks()).allSatisfy(task -> {
            assertThat(task.note()).isNull();
            assertThat(task.outcome()).isNull();
        });
        assertThat(api.post(
                                "/api/cases/" + caseId + "/tasks",
                                AVERY,
                                Map.of(
                                        "kind",
                                        "FOLLOW_UP_CALL",
                                        "assignee",
                                        "advocate.avery",
                                        "dueAt",
                                        clock.instant().plus(Duration.ofDays(1)).toString(),
                                        "note",
                                        "Call back"))
                        .status())
                .as("the case goes on after erasure")
                .isEqualTo(201);
    }

    /**
     * Security review finding: task and timeline arrays grew without bound inside one case document, toward
     * MongoDB's 16 MB limit. The document keeps the newest timeline entries and its open and recent tasks; the
     * rest of the history is paged from collections of its own, nothing lost.
     */
    @Test
    void aLongCaseStaysABoundedDocumentAndKeepsItsWholeHistory() {
        String caseId = fixtures.caseOf("advocate.avery");
        int notes = CaseStore.TIMELINE_KEPT + 30;
        for (int i = 0; i < notes; i++) {
            store.note(
                    caseId,
                    new TimelineEntry(
                            clock.instant().plusMillis(i), "NOTIFICATION_ACKNOWLEDGED", "advocate.avery", "entry " + i),
                    "event-" + caseId + "-" + i);
        }
        for (int i = 0; i < CaseStore.TASKS_KEPT + 10; i++) {
            clock.advance(Duration.ofMillis(1));
            String taskId = api.post(
                            "/api/cases/" + caseId + "/tasks",
                            AVERY,
                            Map.of(
                                    "kind",
                                    "FOLLOW_UP_CALL",
                                    "assignee",
                                    "advocate.avery",
                                    "dueAt",
                                    clock.instant().plus(Duration.ofDays(2)).toString()))
                    .json()
                    .get("taskId")
                    .asString();
            assertThat(api.post("/api/tasks/" + taskId + "/complete", AVERY, Map.of())
                            .status())
                    .isEqualTo(200);
        }

        Document stored = database.getCollection(CaseStore.COLLECTION)
                .find(Filters.eq("_id", caseId))
                .first();
        assertThat(stored.getList("timeline", Document.class)).hasSize(CaseStore.TIMELINE_KEPT);
        assertThat(stored.getList("tasks", Document.class)).hasSizeLessThanOrEqualTo(CaseStore.TASKS_KEPT);
        assertThat(database.getCollection(CaseStore.TASK_ARCHIVE).countDocuments(Filters.eq("caseId", caseId)))
                .isPositive();

        List<String> summaries = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(
                            "/api/cases/" + caseId + "/timeline?limit=100"
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            AVERY)
                    .json();
            page.get("items")
                    .forEach(entry -> summaries.add(entry.get("summary").asString()));
            cursor = page.path("nextCursor").isString() ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        for (int i = 0; i < notes; i++) {
            assertThat(summaries).as("entry " + i).containsOnlyOnce("entry " + i);
        }
        assertThat(summaries)
                .as("every note, every task scheduled and completed")
                .hasSizeGreaterThanOrEqualTo(notes + 2 * (CaseStore.TASKS_KEPT + 10));
        assertThat(api.get("/api/cases/" + caseId + "/timeline", TestTokens.demo("advocate.blake"))
                        .status())
                .isEqualTo(404);

        JsonNode mine = api.get("/api/tasks?mine=true&limit=5", AVERY).json();
        assertThat(mine.get("items")).hasSize(5);
        assertThat(mine.get("nextCursor").isString()).isTrue();
    }

    @Test
    void aCaseHoldsAtMostAHundredOpenTasks() {
        String caseId = fixtures.caseOf("advocate.avery");
        int open = store.find(caseId).orElseThrow().tasks().size();
        for (int i = open; i < CaseFile.MAX_OPEN_TASKS; i++) {
            assertThat(api.post(
                                    "/api/cases/" + caseId + "/tasks",
                                    AVERY,
                                    Map.of(
                                            "kind",
                                            "FOLLOW_UP_CALL",
                                            "assignee",
                                            "advocate.avery",
                                            "dueAt",
                                            clock.instant()
                                                    .plus(Duration.ofDays(2))
                                                    .toString()))
                            .status())
                    .isEqualTo(201);
        }
        ApiClient.Response refused = api.post(
                "/api/cases/" + caseId + "/tasks",
                AVERY,
                Map.of(
                        "kind",
                        "FOLLOW_UP_CALL",
                        "assignee",
                        "advocate.avery",
                        "dueAt",
                        clock.instant().plus(Duration.ofDays(2)).toString()));
        assertProblem(refused, 409, "open tasks");
    }

    /** Every document of the case database as JSON, as a dump would show it. */
    private String rawCaseDatabase() {
        StringBuilder dump = new StringBuilder();
        for (String collection : database.listCollectionNames()) {
            database.getCollection(collection)
                    .find()
                    .forEach(doc -> dump.append(doc.toJson()).append('\n'));
        }
        return dump.toString();
    }

    @Test
    void caseloadCountsEqualARecountAfterManyParallelIntakes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Object>> intakes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            DangerLevel level = i % 3 == 0 ? DangerLevel.STANDARD : DangerLevel.HIGH;
            intakes.add(() -> kafka.send(TestEvents.record(new IntakeSubmitted(
                            UUID.randomUUID().toString(),
                            "riverside-pd",
                            "officer.chen",
                            Instant.now(),
                            level,
                            level == DangerLevel.HIGH,
                            level == DangerLevel.HIGH ? "PROTOCOL_COUNT" : "NOT_SCREENED_IN",
                            true,
                            List.of(),
                            "en",
                            1)))
                    .get());
        }
        pool.invokeAll(intakes);
        pool.shutdown();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> database.getCollection(CaseStore.COLLECTION)
                                .countDocuments(Filters.eq("officerId", "officer.chen"))
                        >= 40);

        for (String advocate : List.of("advocate.avery", "advocate.blake")) {
            var open = store.list(CaseStore.Listing.ofAdvocate(advocate), PageRequest.of(PageRequest.MAX_LIMIT, null));
            JsonNode caseload =
                    api.get("/api/caseload", TestTokens.demo(advocate)).json();
            assertThat(caseload.get("openCases").asLong()).isEqualTo(open.size());
            assertThat(caseload.get("highDanger").asLong())
                    .isEqualTo(open.stream()
                            .filter(c -> c.dangerLevel() == DangerLevel.HIGH)
                            .count());
            assertThat(caseload.get("pendingReferrals").asLong())
                    .isEqualTo(
                            open.stream().mapToLong(CaseFile::pendingReferrals).sum());
            // the tasks' counts, now and a day later (first contacts overdue, whether or not the sweep has run)
            for (Duration later : List.of(Duration.ZERO, Duration.ofHours(25))) {
                clock.advance(later);
                try {
                    Instant now = clock.instant();
                    Instant endOfDay = now.truncatedTo(ChronoUnit.DAYS)
                            .plus(Duration.ofDays(1))
                            .minusMillis(1);
                    List<Task> openTasks = open.stream()
                            .flatMap(c -> c.tasks().stream())
                            .filter(t -> t.status() == TaskStatus.OPEN || t.status() == TaskStatus.OVERDUE)
                            .toList();
                    JsonNode counted =
                            api.get("/api/caseload", TestTokens.demo(advocate)).json();
                    assertThat(counted.get("overdueTasks").asLong())
                            .as("overdue, %s later", later)
                            .isEqualTo(openTasks.stream()
                                    .filter(t -> t.status() == TaskStatus.OVERDUE
                                            || t.dueAt().isBefore(now))
                                    .count());
                    assertThat(counted.get("dueToday").asLong())
                            .as("due today, %s later", later)
                            .isEqualTo(openTasks.stream()
                                    .filter(t -> !t.dueAt().isAfter(endOfDay))
                                    .count());
                } finally {
                    clock.advance(later.negated());
                }
            }
        }
    }

    private static void assertProblem(ApiClient.Response response, int status, String mentions) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains(mentions);
    }
}
