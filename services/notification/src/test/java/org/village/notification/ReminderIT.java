package org.village.notification;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.events.ReferralAccepted;
import org.village.events.ReferralRequested;
import org.village.events.ReferralUnanswered;
import org.village.events.TaskCompleted;
import org.village.events.TaskOverdue;
import org.village.events.Topics;
import org.village.events.VillageEvent;
import org.village.notification.events.NotificationSweeps;
import org.village.testing.EventContracts;
import org.village.testing.MutableClock;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;
import org.village.testing.TopicReader;
import org.village.testing.VillageInfrastructure;
import tools.jackson.databind.JsonNode;

/** D5 re-notification and escalation, driven by the sweep with a clock the test moves. */
class ReminderIT extends RunningService {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    NotificationSweeps sweeps;

    @Autowired
    MutableClock clock;

    /** A case of a fresh advocate, assigned; returns the advocate's token. */
    private String assignedCase(String caseId, String advocate, DangerLevel danger) {
        send(new CaseOpened(
                caseId, "intake-" + caseId, "bridges", "riverside-pd", "officer.reyes", danger, clock.instant()));
        send(new AdvocateAssigned(caseId, advocate, null, clock.instant()));
        return TestTokens.token(advocate, "bridges", "ADVOCATE");
    }

    private void send(VillageEvent event) {
        kafka.send(TestEvents.record(event));
    }

    private JsonNode awaitOne(String token, String kind, String caseId) {
        await().atMost(WAIT).until(() -> find(token, kind, caseId) != null);
        return find(token, kind, caseId);
    }

    private JsonNode find(String token, String kind, String caseId) {
        for (JsonNode item :
                api.get("/api/notifications?limit=200", token).json().get("items")) {
            if (item.get("kind").asString().equals(kind)
                    && caseId.equals(item.get("caseId").asString())) {
                return item;
            }
        }
        return null;
    }

    private void afterASweep(Duration later) {
        clock.advance(later);
        sweeps.remindAndEscalate(clock.instant());
    }

    private List<ConsumerRecord<String, byte[]>> escalationsOf(String notificationId, int expected) {
        return TopicReader.awaitRecords(
                VillageInfrastructure.get().kafkaBootstrapServers(),
                List.of(Topics.NOTIFICATION_EVENTS),
                record -> {
                    CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
                    return event.getType().equals("village.notification.escalated.v1")
                            && notificationId.equals(event.getSubject());
                },
                expected,
                WAIT);
    }

    @Test
    void d5UnacknowledgedUrgentIsResentEveryFifteenMinutesAndAfterTheFourthTheSupervisorIsTold() {
        String caseId = "case-" + UUID.randomUUID();
        String token = assignedCase(caseId, "advocate." + caseId.substring(5, 13), DangerLevel.HIGH);
        JsonNode assigned = awaitOne(token, "CASE_ASSIGNED", caseId);
        assertThat(assigned.get("priority").asString()).isEqualTo("URGENT");
        String id = assigned.get("notificationId").asString();

        afterASweep(Duration.ofMinutes(14));
        assertThat(find(token, "CASE_ASSIGNED", caseId).get("sendCount").asInt())
                .as("not before 15 min")
                .isEqualTo(1);
        for (int resend = 1; resend <= 4; resend++) {
            afterASweep(Duration.ofMinutes(15));
            JsonNode again = find(token, "CASE_ASSIGNED", caseId);
            assertThat(again.get("sendCount").asInt()).isEqualTo(1 + resend);
            assertThat(again.get("notificationId").asString())
                    .as("the same notification, re-sent")
                    .isEqualTo(id);
        }
        assertThat(find(SAM, "ESCALATION", caseId))
                .as("not before the 4th re-send is unanswered")
                .isNull();

        afterASweep(Duration.ofMinutes(15));
        JsonNode escalation = awaitOne(SAM, "ESCALATION", caseId);
        assertThat(escalation.get("priority").asString()).isEqualTo("URGENT");
        assertThat(escalation.get("title").asString()).contains("CASE_ASSIGNED");
        CloudEvent escalated =
                KafkaMessageFactory.createReader(escalationsOf(id, 1).get(0)).toEvent();
        EventContracts.assertValid(escalated.getType(), escalated.getData().toBytes());
        assertThat(new String(escalated.getData().toBytes(), UTF_8))
                .contains("\"supervisorId\":\"supervisor.sam\"")
                .contains("\"sendCount\":5")
                .contains("\"caseId\":\"" + caseId + "\"");

        afterASweep(Duration.ofMinutes(15));
        assertThat(find(token, "CASE_ASSIGNED", caseId).get("sendCount").asInt())
                .as("escalated, no more re-sends")
                .isEqualTo(5);
        assertThat(escalationsOf(id, 1)).as("escalated once").hasSize(1);
    }

    @Test
    void d5UnacknowledgedHighIsResentOnceAfterAnHourThenEscalatedAndTheEscalationIsNeverEscalated() {
        String caseId = "case-" + UUID.randomUUID();
        String token = assignedCase(caseId, "advocate." + caseId.substring(5, 13), DangerLevel.STANDARD);
        JsonNode assigned = awaitOne(token, "CASE_ASSIGNED", caseId);
        assertThat(assigned.get("priority").asString()).isEqualTo("HIGH");

        afterASweep(Duration.ofMinutes(59));
        assertThat(find(token, "CASE_ASSIGNED", caseId).get("sendCount").asInt())
                .isEqualTo(1);
        afterASweep(Duration.ofMinutes(1));
        assertThat(find(token, "CASE_ASSIGNED", caseId).get("sendCount").asInt())
                .isEqualTo(2);
        afterASweep(Duration.ofHours(1));
        JsonNode escalation = awaitOne(SAM, "ESCALATION", caseId);
        String escalationId = escalation.get("notificationId").asString();

        for (int i = 0; i < 6; i++) {
            afterASweep(Duration.ofMinutes(15));
        }
        assertThat(find(SAM, "ESCALATION", caseId).get("sendCount").asInt())
                .as("re-sent four times, then left")
                .isEqualTo(5);
        assertThat(TopicReader.readAll(
                                VillageInfrastructure.get().kafkaBootstrapServers(),
                                List.of(Topics.NOTIFICATION_EVENTS))
                        .stream()
                        .map(record -> KafkaMessageFactory.createReader(record).toEvent())
                        .filter(event -> event.getType().equals("village.notification.escalated.v1"))
                        .map(CloudEvent::getSubject))
                .as("an escalation is never escalated")
                .doesNotContain(escalationId);
    }

    @Test
    void anAcknowledgedNotificationIsNeitherResentNorEscalated() {
        String caseId = "case-" + UUID.randomUUID();
        String token = assignedCase(caseId, "advocate." + caseId.substring(5, 13), DangerLevel.HIGH);
        String id =
                awaitOne(token, "CASE_ASSIGNED", caseId).get("notificationId").asString();
        assertThat(api.post("/api/notifications/" + id + "/ack", token, "").status())
                .isEqualTo(204);

        for (int i = 0; i < 6; i++) {
            afterASweep(Duration.ofMinutes(15));
        }
        assertThat(find(token, "CASE_ASSIGNED", caseId).get("sendCount").asInt())
                .isEqualTo(1);
        assertThat(find(SAM, "ESCALATION", caseId)).isNull();
    }

    @Test
    void d5TaskOverdueRemindersStopWhenTheTaskIsDone() {
        String caseId = "case-" + UUID.randomUUID();
        String advocate = "advocate." + caseId.substring(5, 13);
        String token = assignedCase(caseId, advocate, DangerLevel.HIGH);
        send(new TaskOverdue("task-" + caseId, caseId, advocate, clock.instant()));
        assertThat(awaitOne(token, "TASK_OVERDUE", caseId).get("priority").asString())
                .isEqualTo("URGENT");
        assertThat(awaitOne(SAM, "TASK_OVERDUE", caseId).get("body").asString()).contains(advocate);

        send(new TaskCompleted("task-" + caseId, caseId, advocate, clock.instant()));
        kafka.flush();
        TopicReader.awaitCaughtUp(
                VillageInfrastructure.get().kafkaBootstrapServers(),
                "notification-service",
                List.of(Topics.CASE_EVENTS),
                WAIT);
        afterASweep(Duration.ofMinutes(15));
        assertThat(find(token, "CASE_ASSIGNED", caseId).get("sendCount").asInt())
                .isGreaterThan(1);
        assertThat(find(token, "TASK_OVERDUE", caseId).get("sendCount").asInt())
                .as("settled by the completion")
                .isEqualTo(1);
        assertThat(find(SAM, "TASK_OVERDUE", caseId).get("sendCount").asInt()).isEqualTo(1);
    }

    @Test
    void theShelterIsRemindedWithItsOwnNotificationOnceAndAnAnswerEndsTheReminders() {
        String caseId = "case-" + UUID.randomUUID();
        String advocate = "advocate." + caseId.substring(5, 13);
        String advocateToken = assignedCase(caseId, advocate, DangerLevel.STANDARD);
        String harbor = TestTokens.demo("shelter.harbor");
        String referralId = "r-" + caseId;
        send(new ReferralRequested(
                referralId,
                caseId,
                "harbor-house",
                advocate,
                1,
                DangerLevel.STANDARD,
                clock.instant().plus(Duration.ofHours(4))));
        assertThat(awaitOne(harbor, "REFERRAL_RECEIVED", caseId).get("priority").asString())
                .isEqualTo("HIGH");

        var reminder = TestEvents.record(new ReferralUnanswered(
                referralId,
                caseId,
                "harbor-house",
                advocate,
                "SHELTER_REMINDED",
                clock.instant().plus(Duration.ofHours(4)),
                clock.instant()));
        kafka.send(reminder);
        kafka.send(TestEvents.again(reminder));
        await().atMost(WAIT)
                .until(() -> find(harbor, "REFERRAL_RECEIVED", caseId)
                                .get("sendCount")
                                .asInt()
                        == 2);

        send(new ReferralAccepted(referralId, caseId, "harbor-house", clock.instant(), null));
        JsonNode answered = awaitOne(advocateToken, "REFERRAL_ANSWERED", caseId);
        assertThat(answered.get("title").asString()).isEqualTo("harbor-house accepted your referral");
        for (int i = 0; i < 3; i++) {
            afterASweep(Duration.ofHours(1));
        }
        assertThat(find(harbor, "REFERRAL_RECEIVED", caseId).get("sendCount").asInt())
                .as("reminded once for the event delivered twice; answered, so no more")
                .isEqualTo(2);
        String receivedId =
                find(harbor, "REFERRAL_RECEIVED", caseId).get("notificationId").asString();
        assertThat(TopicReader.readAll(
                                VillageInfrastructure.get().kafkaBootstrapServers(),
                                List.of(Topics.NOTIFICATION_EVENTS))
                        .stream()
                        .map(record -> KafkaMessageFactory.createReader(record).toEvent())
                        .filter(event -> event.getType().equals("village.notification.escalated.v1"))
                        .map(CloudEvent::getSubject))
                .as("an answered referral's notification is not escalated")
                .doesNotContain(receivedId);
    }
}
