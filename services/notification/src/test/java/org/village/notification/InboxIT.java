package org.village.notification;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.events.Priority;
import org.village.events.TaskScheduled;
import org.village.events.VillageEvent;
import org.village.notification.store.NotificationStore;
import org.village.testing.ApiClient;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;
import org.village.testing.WithVillageInfrastructure;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Inboxes filled from case events, against a real Kafka broker and MongoDB endpoint. */
@WithVillageInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboxIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    MongoDatabase database;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    private static ProducerRecord<String, byte[]> record(VillageEvent event) {
        return TestEvents.record(event);
    }

    private List<ProducerRecord<String, byte[]>> caseFlow(String caseId, String officer, String advocate) {
        Instant now = Instant.now();
        return List.of(
                record(new CaseOpened(caseId, "intake-" + caseId, "bridges", "riverside-pd", officer, DangerLevel.HIGH, now)),
                record(new AdvocateAssigned(caseId, advocate, null, now)),
                record(new TaskScheduled(caseId + ":W", caseId, "OFFICER_WELFARE_CHECK", officer, "OFFICER",
                        now.plus(Duration.ofHours(72)), Priority.HIGH)));
    }

    @Test
    void theAdvocateAndTheOfficerEachFindTheirNotification() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String officer = "officer." + suffix;
        String advocate = "advocate." + suffix;
        caseFlow("case-" + suffix, officer, advocate).forEach(kafka::send);
        String advocateToken = TestTokens.token(advocate, "bridges", "ADVOCATE");
        String officerToken = TestTokens.token(officer, "riverside-pd", "OFFICER");

        await().atMost(WAIT).until(() -> api.get("/api/notifications", officerToken).json().get("items").size() == 2);
        JsonNode advocateInbox = api.get("/api/notifications?unread=true", advocateToken).json().get("items");
        assertThat(advocateInbox).hasSize(1);
        JsonNode assigned = advocateInbox.get(0);
        assertThat(assigned.get("kind").asString()).isEqualTo("CASE_ASSIGNED");
        assertThat(assigned.get("priority").asString()).isEqualTo("URGENT");
        assertThat(assigned.get("requiresAck").asBoolean()).isTrue();
        assertThat(assigned.get("sendCount").asInt()).isEqualTo(1);
        assertThat(assigned.get("acknowledgedAt").isNull()).isTrue();
        assertThat(api.get("/api/notifications", officerToken).json().get("items").findValuesAsString("kind"))
                .containsExactlyInAnyOrder("CASE_OPENED", "TASK_SCHEDULED");
    }

    @Test
    void redeliveredEventsNeverNotifyTwice() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<ProducerRecord<String, byte[]>> flow = caseFlow("case-" + suffix, "officer." + suffix, "advocate." + suffix);
        flow.forEach(kafka::send);
        flow.forEach(kafka::send);
        String marker = "case-marker-" + suffix;
        caseFlow(marker, "officer.m" + suffix, "advocate.m" + suffix).forEach(kafka::send);

        await().atMost(WAIT).until(() -> database.getCollection(NotificationStore.NOTIFICATIONS)
                .countDocuments(Filters.eq("caseId", marker)) == 3);
        assertThat(database.getCollection(NotificationStore.NOTIFICATIONS)
                .countDocuments(Filters.eq("caseId", "case-" + suffix))).isEqualTo(3);
    }

    @Test
    void onlyTheRecipientAcknowledges() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String advocate = "advocate." + suffix;
        caseFlow("case-" + suffix, "officer." + suffix, advocate).forEach(kafka::send);
        String token = TestTokens.token(advocate, "bridges", "ADVOCATE");
        await().atMost(WAIT).until(() -> api.get("/api/notifications?unread=true", token).json().get("items").size() == 1);
        String id = api.get("/api/notifications", token).json().get("items").get(0).get("notificationId").asString();

        String someoneElse = TestTokens.demo("advocate.blake");
        ApiClient.Response refused = api.post("/api/notifications/" + id + "/ack", someoneElse, "");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("type").asString()).isEqualTo("not-found");
        assertThat(api.post("/api/notifications/" + id + "/ack", null, "").status()).isEqualTo(401);

        assertThat(api.post("/api/notifications/" + id + "/ack", token, "").status()).isEqualTo(204);
        assertThat(api.post("/api/notifications/" + id + "/ack", token, "").status()).isEqualTo(204);
        var acknowledged = org.village.testing.TopicReader.awaitRecords(
                org.village.testing.VillageInfrastructure.get().kafkaBootstrapServers(),
                List.of(org.village.events.Topics.NOTIFICATION_EVENTS),
                record -> io.cloudevents.kafka.KafkaMessageFactory.createReader(record).toEvent().getSubject().equals(id),
                1, WAIT);
        var event = io.cloudevents.kafka.KafkaMessageFactory.createReader(acknowledged.get(0)).toEvent();
        assertThat(event.getType()).isEqualTo("village.notification.acknowledged.v1");
        org.village.testing.EventContracts.assertValid(event.getType(), event.getData().toBytes());
        assertThat(new String(event.getData().toBytes())).contains("\"caseId\":\"case-" + suffix + "\"")
                .contains("\"kind\":\"CASE_ASSIGNED\"");
        assertThat(api.get("/api/notifications?unread=true", token).json().get("items")).isEmpty();
        assertThat(api.get("/api/notifications", token).json().get("items").get(0).get("acknowledgedAt").isNull())
                .isFalse();
    }
}
