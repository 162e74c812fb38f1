package org.village.notification;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.events.Priority;
import org.village.events.ReferralRequested;
import org.village.events.TaskOverdue;
import org.village.events.TaskScheduled;
import org.village.events.Topics;
import org.village.messaging.OutboxRelay;
import org.village.messaging.store.Migrations;
import org.village.notification.store.NotificationStore;
import org.village.testing.ApiClient;
import org.village.testing.EventContracts;
import org.village.testing.EventStream;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;
import org.village.testing.TopicReader;
import org.village.testing.VillageInfrastructure;
import tools.jackson.databind.JsonNode;

/** Inboxes filled from events, live streams, acknowledgment and unread counts, on a real broker and database. */
class InboxIT extends RunningService {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    OutboxRelay relay;

    private static final List<String> CONSUMED =
            List.of(Topics.INTAKE_EVENTS, Topics.CASE_EVENTS, Topics.REFERRAL_EVENTS, Topics.NOTIFICATION_EVENTS);

    private List<ProducerRecord<String, byte[]>> caseFlow(String caseId, String officer, String advocate) {
        Instant now = Instant.now();
        return List.of(
                TestEvents.record(new CaseOpened(
                        caseId, "intake-" + caseId, "bridges", "riverside-pd", officer, DangerLevel.HIGH, now)),
                TestEvents.record(new AdvocateAssigned(caseId, advocate, null, now)),
                TestEvents.record(new TaskScheduled(
                        caseId + ":W",
                        caseId,
                        "OFFICER_WELFARE_CHECK",
                        officer,
                        "OFFICER",
                        now.plus(Duration.ofDays(3)),
                        Priority.HIGH)));
    }

    /** Waits until notification-service has processed every record now on the topics it reads. */
    private void caughtUp() {
        kafka.flush();
        TopicReader.awaitCaughtUp(
                VillageInfrastructure.get().kafkaBootstrapServers(),
                "notification-service",
                CONSUMED,
                Duration.ofSeconds(60));
    }

    private long notificationsOf(String caseId) {
        return database.getCollection(NotificationStore.NOTIFICATIONS).countDocuments(Filters.eq("caseId", caseId));
    }

    @Test
    void theAdvocateAndTheOfficerEachFindTheirNotification() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String officer = "officer." + suffix;
        String advocate = "advocate." + suffix;
        caseFlow("case-" + suffix, officer, advocate).forEach(kafka::send);
        String advocateToken = TestTokens.token(advocate, "bridges", "ADVOCATE");
        String officerToken = TestTokens.token(officer, "riverside-pd", "OFFICER");

        await().atMost(WAIT)
                .until(() -> api.get("/api/notifications", officerToken)
                                .json()
                                .get("items")
                                .size()
                        == 2);
        JsonNode advocateInbox =
                api.get("/api/notifications?unread=true", advocateToken).json().get("items");
        assertThat(advocateInbox).hasSize(1);
        JsonNode assigned = advocateInbox.get(0);
        assertThat(assigned.get("kind").asString()).isEqualTo("CASE_ASSIGNED");
        assertThat(assigned.get("priority").asString()).isEqualTo("URGENT");
        assertThat(assigned.get("requiresAck").asBoolean()).isTrue();
        assertThat(assigned.get("sendCount").asInt()).isEqualTo(1);
        assertThat(assigned.get("acknowledgedAt").isNull()).isTrue();
        assertThat(assigned.get("deliveries").has("email"))
                .as("in-app only unless e-mail was chosen")
                .isFalse();
        assertThat(api.get("/api/notifications", officerToken)
                        .json()
                        .get("items")
                        .findValuesAsString("kind"))
                .containsExactlyInAnyOrder("CASE_OPENED", "TASK_SCHEDULED");
    }

    @Test
    void redeliveredEventsNeverNotifyTwice() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<ProducerRecord<String, byte[]>> flow =
                caseFlow("case-" + suffix, "officer." + suffix, "advocate." + suffix);
        flow.forEach(kafka::send);
        flow.forEach(record -> kafka.send(TestEvents.again(record)));

        caughtUp();
        assertThat(notificationsOf("case-" + suffix)).isEqualTo(3);
    }

    @Test
    void replayingEveryTopicFromTheBeginningNotifiesNobodyTwice() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String caseId = "case-" + suffix;
        String advocate = "advocate." + suffix;
        caseFlow(caseId, "officer." + suffix, advocate).forEach(kafka::send);
        kafka.send(TestEvents.record(new ReferralRequested(
                "r-" + suffix,
                caseId,
                "harbor-house",
                advocate,
                1,
                DangerLevel.HIGH,
                Instant.now().plus(Duration.ofHours(4)))));
        String token = TestTokens.token(advocate, "bridges", "ADVOCATE");
        await().atMost(WAIT)
                .until(() ->
                        api.get("/api/notifications", token).json().get("items").size() == 1);
        api.post(
                "/api/notifications/"
                        + api.get("/api/notifications", token)
                                .json()
                                .get("items")
                                .get(0)
                                .get("notificationId")
                                .asString()
                        + "/ack",
                token,
                "");
        await().atMost(WAIT)
                .until(() -> TopicReader.readAll(
                                        VillageInfrastructure.get().kafkaBootstrapServers(),
                                        List.of(Topics.NOTIFICATION_EVENTS))
                                .size()
                        > 0);
        caughtUp();
        long before = database.getCollection(NotificationStore.NOTIFICATIONS).countDocuments();
        List<Integer> sendCountsBefore = sendCounts();

        List<ConsumerRecord<String, byte[]>> everything =
                TopicReader.readAll(VillageInfrastructure.get().kafkaBootstrapServers(), CONSUMED);
        assertThat(everything)
                .extracting(ConsumerRecord::topic)
                .contains(Topics.CASE_EVENTS, Topics.REFERRAL_EVENTS, Topics.NOTIFICATION_EVENTS);
        everything.forEach(record ->
                kafka.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers())));
        caughtUp();

        assertThat(database.getCollection(NotificationStore.NOTIFICATIONS).countDocuments())
                .isEqualTo(before);
        assertThat(sendCounts()).isEqualTo(sendCountsBefore);
    }

    private List<Integer> sendCounts() {
        List<Integer> counts = new ArrayList<>();
        database.getCollection(NotificationStore.NOTIFICATIONS)
                .find()
                .sort(new Document("_id", 1))
                .forEach(doc -> counts.add(doc.getInteger("sendCount")));
        return counts;
    }

    @Test
    void onlyTheRecipientAcknowledgesAndTheAcknowledgmentIsPublishedOnce() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String advocate = "advocate." + suffix;
        caseFlow("case-" + suffix, "officer." + suffix, advocate).forEach(kafka::send);
        String token = TestTokens.token(advocate, "bridges", "ADVOCATE");
        await().atMost(WAIT)
                .until(() -> api.get("/api/notifications?unread=true", token)
                                .json()
                                .get("items")
                                .size()
                        == 1);
        String id = api.get("/api/notifications", token)
                .json()
                .get("items")
                .get(0)
                .get("notificationId")
                .asString();

        ApiClient.Response refused =
                api.post("/api/notifications/" + id + "/ack", TestTokens.demo("advocate.blake"), "");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("type").asString()).isEqualTo("not-found");
        assertThat(api.post("/api/notifications/" + id + "/ack", null, "").status())
                .isEqualTo(401);

        assertThat(api.post("/api/notifications/" + id + "/ack", token, "").status())
                .isEqualTo(204);
        assertThat(api.post("/api/notifications/" + id + "/ack", token, "").status())
                .isEqualTo(204);
        List<ConsumerRecord<String, byte[]>> acknowledged = TopicReader.awaitRecords(
                VillageInfrastructure.get().kafkaBootstrapServers(),
                List.of(Topics.NOTIFICATION_EVENTS),
                record -> {
                    CloudEvent candidate =
                            KafkaMessageFactory.createReader(record).toEvent();
                    return candidate.getSubject().equals(id)
                            && candidate.getType().equals("village.notification.acknowledged.v1");
                },
                1,
                WAIT);
        CloudEvent event = KafkaMessageFactory.createReader(acknowledged.get(0)).toEvent();
        assertThat(event.getType()).isEqualTo("village.notification.acknowledged.v1");
        EventContracts.assertValid(event.getType(), event.getData().toBytes());
        assertThat(new String(event.getData().toBytes(), UTF_8))
                .contains("\"caseId\":\"case-" + suffix + "\"")
                .contains("\"kind\":\"CASE_ASSIGNED\"");
        assertThat(api.get("/api/notifications?unread=true", token).json().get("items"))
                .isEmpty();
        assertThat(api.get("/api/notifications", token)
                        .json()
                        .get("items")
                        .get(0)
                        .get("acknowledgedAt")
                        .isNull())
                .isFalse();
    }

    @Test
    void unreadCountsFollowAcknowledgments() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String officer = "officer." + suffix;
        caseFlow("case-" + suffix, officer, "advocate." + suffix).forEach(kafka::send);
        String token = TestTokens.token(officer, "riverside-pd", "OFFICER");
        await().atMost(WAIT)
                .until(() -> api.get("/api/notifications/unread-count", token)
                                .json()
                                .get("unread")
                                .asInt()
                        == 2);
        assertThat(api.get("/api/notifications/unread-count", token)
                        .json()
                        .get("requiringAck")
                        .asInt())
                .as("CASE_OPENED and a welfare check due in 72 h are NORMAL")
                .isZero();

        String id = api.get("/api/notifications", token)
                .json()
                .get("items")
                .get(0)
                .get("notificationId")
                .asString();
        api.post("/api/notifications/" + id + "/ack", token, "");

        assertThat(api.get("/api/notifications/unread-count", token)
                        .json()
                        .get("unread")
                        .asInt())
                .isEqualTo(1);
    }

    /**
     * Notifications stored before the unread fields existed are counted and listed as unread once the store has
     * started again, exactly once, and an acknowledged one is left alone.
     */
    @Test
    void notificationsStoredBeforeTheUnreadFieldsAreCountedAfterARestart() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String advocate = "advocate." + suffix;
        MongoCollection<Document> stored = database.getCollection(NotificationStore.NOTIFICATIONS);
        Date then = Date.from(Instant.now().minus(Duration.ofDays(2)));
        for (String state : List.of("unread", "must-ack", "acknowledged")) {
            stored.insertOne(new Document("_id", suffix + "-" + state)
                    .append("recipient", advocate)
                    .append("audience", "ADVOCATE")
                    .append("recipientOrg", "bridges")
                    .append("kind", "CASE_ASSIGNED")
                    .append("priority", "HIGH")
                    .append("title", "A case")
                    .append("body", "")
                    .append("caseId", "case-" + suffix)
                    .append("agencyId", "bridges")
                    .append("createdAt", then)
                    .append("acknowledgedAt", state.equals("acknowledged") ? then : null)
                    .append("requiresAck", !state.equals("unread"))
                    .append("sendCount", 1));
        }
        database.getCollection(Migrations.COLLECTION).deleteOne(Filters.eq("_id", "unread-fields"));

        new NotificationStore(database, relay); // as the service does when it starts
        new NotificationStore(database, relay); // and again: nothing more to do

        String token = TestTokens.token(advocate, "bridges", "ADVOCATE");
        JsonNode count = api.get("/api/notifications/unread-count", token).json();
        assertThat(count.get("unread").asInt()).isEqualTo(2);
        assertThat(count.get("requiringAck").asInt()).isEqualTo(1);
        assertThat(api.get("/api/notifications?unread=true", token).json().get("items"))
                .extracting(item -> item.get("notificationId").asString())
                .containsExactlyInAnyOrder(suffix + "-unread", suffix + "-must-ack");
    }

    @Test
    void theLiveStreamShowsEachNewNotificationToItsRecipientOnly() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String advocate = "advocate." + suffix;
        String token = TestTokens.token(advocate, "bridges", "ADVOCATE");
        try (EventStream mine = api.stream("/api/notifications/stream", token);
                EventStream someoneElses = api.stream("/api/notifications/stream", TestTokens.demo("advocate.blake"))) {
            assertThat(mine.status()).isEqualTo(200);
            assertThat(mine.header("Content-Type")).startsWith("text/event-stream");
            assertThat(mine.next("unread", WAIT).data()).contains("\"unread\":0");
            assertThat(someoneElses.next("unread", WAIT)).isNotNull();

            caseFlow("case-" + suffix, "officer." + suffix, advocate).forEach(kafka::send);

            EventStream.Event pushed = mine.next("notification", WAIT);
            assertThat(pushed).isNotNull();
            assertThat(pushed.data()).contains("\"kind\":\"CASE_ASSIGNED\"").contains("\"caseId\":\"case-" + suffix);
            assertThat(mine.next("unread", WAIT).data()).contains("\"unread\":1");
            assertThat(someoneElses.next("notification", Duration.ofSeconds(1))).isNull();
        }
        assertThat(api.stream("/api/notifications/stream", null).status()).isEqualTo(401);
    }

    @Test
    void unknownCasesSheltersAndPeopleAreHandledQuietly() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String advocate = "advocate." + suffix;
        String unknownCase = "case-unknown-" + suffix;
        kafka.send(TestEvents.record(new AdvocateAssigned(unknownCase, advocate, null, Instant.now())));
        kafka.send(TestEvents.record(new TaskOverdue("t-" + suffix, unknownCase, "nobody." + suffix, Instant.now())));
        kafka.send(TestEvents.record(new ReferralRequested(
                "r-" + suffix,
                unknownCase,
                "no-such-shelter",
                advocate,
                1,
                DangerLevel.HIGH,
                Instant.now().plus(Duration.ofHours(4)))));
        caughtUp();

        assertThat(database.getCollection(NotificationStore.NOTIFICATIONS)
                        .find(Filters.eq("caseId", unknownCase))
                        .map(doc -> doc.getString("recipient") + "/" + doc.getString("kind"))
                        .into(new ArrayList<>()))
                .as("the advocate named is told; nobody is known for the rest")
                .containsExactlyInAnyOrder(advocate + "/CASE_ASSIGNED", "nobody." + suffix + "/TASK_OVERDUE");
        assertThat(TopicReader.readAll(
                                VillageInfrastructure.get().kafkaBootstrapServers(),
                                List.of(
                                        Topics.deadLetter(Topics.CASE_EVENTS),
                                        Topics.deadLetter(Topics.REFERRAL_EVENTS)))
                        .stream()
                        .map(record -> new String(record.key() == null ? "" : record.key())))
                .doesNotContain(unknownCase);
    }

    /**
     * Security review finding: a user could hold any number of live streams, each for 30 minutes. A user holds
     * at most three on an instance: a fourth ends the oldest.
     */
    @Test
    void aUserHoldsAtMostThreeLiveStreams() throws Exception {
        String token =
                TestTokens.token("advocate.s" + UUID.randomUUID().toString().substring(0, 6), "bridges", "ADVOCATE");
        try (EventStream first = api.stream("/api/notifications/stream", token);
                EventStream second = api.stream("/api/notifications/stream", token);
                EventStream third = api.stream("/api/notifications/stream", token)) {
            for (EventStream stream : List.of(first, second, third)) {
                assertThat(stream.next("unread", Duration.ofSeconds(10))).isNotNull();
            }
            try (EventStream fourth = api.stream("/api/notifications/stream", token)) {
                assertThat(fourth.next("unread", Duration.ofSeconds(10))).isNotNull();
                assertThat(first.awaitEnd(Duration.ofSeconds(10)))
                        .as("the oldest is ended")
                        .isTrue();
                assertThat(second.awaitEnd(Duration.ofMillis(500))).isFalse();
                assertThat(fourth.awaitEnd(Duration.ofMillis(500))).isFalse();
            }
        }
    }
}
