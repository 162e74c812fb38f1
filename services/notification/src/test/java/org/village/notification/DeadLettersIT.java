package org.village.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.village.events.AdvocateAssigned;
import org.village.events.Topics;
import org.village.testing.ApiClient;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;
import org.village.testing.TopicReader;
import org.village.testing.VillageInfrastructure;
import tools.jackson.databind.JsonNode;

/** Operations: an admin sees what this service gave up on, and replays it. */
class DeadLettersIT extends RunningService {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aPoisonPillIsListedForTheAdminWithItsCauseAndCanBeReplayed() {
        String admin = TestTokens.demo("admin");
        String caseId = "case-" + UUID.randomUUID();
        ProducerRecord<String, byte[]> valid =
                TestEvents.record(new AdvocateAssigned(caseId, "advocate.avery", null, Instant.now()));
        String eventId = new String(valid.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
        kafka.send(new ProducerRecord<>(
                valid.topic(),
                null,
                valid.key(),
                ("{\"caseId\":\"" + caseId + "\"}").getBytes(StandardCharsets.UTF_8),
                valid.headers()));

        await().atMost(WAIT)
                .until(() -> api.get("/api/admin/dead-letters", admin)
                        .json()
                        .get("items")
                        .findValuesAsString("eventId")
                        .contains(eventId));
        JsonNode deadLetter = find(api.get("/api/admin/dead-letters", admin).json(), eventId);
        assertThat(deadLetter.get("topic").asString()).isEqualTo(Topics.CASE_EVENTS);
        assertThat(deadLetter.get("type").asString()).isEqualTo("village.case.advocate-assigned.v1");
        assertThat(deadLetter.get("key").asString()).isEqualTo(caseId);
        assertThat(deadLetter.get("exception").asString()).contains("InvalidEventDataException");
        assertThat(deadLetter.get("replayedAt").isNull()).isTrue();
        assertThat(api.get("/api/admin/dead-letters", TestTokens.demo("supervisor.sam"))
                        .status())
                .isEqualTo(403);

        String id = deadLetter.get("id").asString();
        assertThat(api.post("/api/admin/dead-letters/" + id + "/replay", TestTokens.demo("advocate.avery"), "")
                        .status())
                .isEqualTo(403);
        ApiClient.Response replayed = api.post("/api/admin/dead-letters/" + id + "/replay", admin, "");
        assertThat(replayed.status()).as(replayed.text()).isEqualTo(202);

        // handed to this service's own consumer again: nothing is written to case-service's topic
        assertThat(
                        TopicReader.readAll(
                                        VillageInfrastructure.get().kafkaBootstrapServers(),
                                        List.of(Topics.CASE_EVENTS))
                                .stream()
                                .filter(record -> eventId.equals(KafkaMessageFactory.createReader(record)
                                        .toEvent()
                                        .getId())))
                .as("only the original")
                .hasSize(1);
        // still invalid, the replay fails again and lies beside the first
        await().atMost(WAIT)
                .until(
                        () -> api
                                        .get("/api/admin/dead-letters", admin)
                                        .json()
                                        .get("items")
                                        .findValuesAsString("eventId")
                                        .stream()
                                        .filter(eventId::equals)
                                        .count()
                                == 2);
        JsonNode items = api.get("/api/admin/dead-letters", admin).json().get("items");
        JsonNode first = null;
        for (JsonNode item : items) {
            if (item.get("id").asString().equals(id)) {
                first = item;
            }
        }
        assertThat(first).isNotNull();
        assertThat(first.get("replayedBy").asString()).isEqualTo("admin");
        assertThat(first.get("replayedAt").isNull()).isFalse();
        assertThat(api.post("/api/admin/dead-letters/no-such-id/replay", admin, "")
                        .status())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/admin/dead-letters/" + Topics.deadLetter(Topics.CASE_EVENTS) + ":0:999999/replay",
                                admin,
                                "")
                        .status())
                .isEqualTo(404);
    }

    private static JsonNode find(JsonNode listing, String eventId) {
        for (JsonNode item : listing.get("items")) {
            if (eventId.equals(item.get("eventId").asString())) {
                return item;
            }
        }
        throw new AssertionError("no dead letter of event " + eventId);
    }
}
