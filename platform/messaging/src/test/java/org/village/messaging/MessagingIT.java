package org.village.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.events.Topics;
import org.village.events.VillageEvent;
import org.village.testing.TestEvents;
import org.village.testing.TopicReader;
import org.village.testing.VillageInfrastructure;
import org.village.testing.WithVillageInfrastructure;

/** The messaging guarantees, against a real Kafka broker and MongoDB endpoint. */
@WithVillageInfrastructure
@SpringBootTest
class MessagingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    OutboxRelay relay;

    @Autowired
    MongoDatabase database;

    @Autowired
    KafkaTemplate<String, byte[]> template;

    @Test
    void relayStoppedBetweenWriteAndPublishPublishesEverythingAfterRestart() {
        relay.stop();
        String run = UUID.randomUUID().toString();
        int documents = 25;
        for (int i = 0; i < documents; i++) {
            String caseId = run + "-" + i;
            List<VillageEvent> events = List.of(
                    new CaseOpened(
                            caseId,
                            "intake-" + i,
                            "bridges",
                            "riverside-pd",
                            "officer.reyes",
                            DangerLevel.HIGH,
                            Instant.now()),
                    new AdvocateAssigned(caseId, "advocate.avery", null, Instant.now()));
            database.getCollection("widgets")
                    .insertOne(new Document("_id", caseId).append(Outbox.FIELD, Outbox.entries(Instant.now(), events)));
        }
        assertThat(database.getCollection("widgets").countDocuments(Filters.exists("outbox.0")))
                .isEqualTo(documents);

        relay.start();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(database.getCollection("widgets")
                            .countDocuments(Filters.and(Filters.regex("_id", "^" + run), Filters.exists("outbox.0"))))
                    .isZero();
            assertThat(database.getCollection("effects").countDocuments(Filters.regex("caseId", "^" + run)))
                    .isEqualTo(2L * documents);
        });
    }

    @Test
    void anEventCarriesTheTraceOfTheWorkThatCausedItAndItsConsumerWorksInThatTrace() {
        String caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String caseId = "traced-" + UUID.randomUUID();
        try (TraceContext.Scope request = TraceContext.continueOrStart(caller)) {
            database.getCollection("widgets")
                    .insertOne(new Document("_id", caseId)
                            .append(
                                    Outbox.FIELD,
                                    Outbox.entries(
                                            Instant.now(),
                                            List.of(new AdvocateAssigned(
                                                    caseId, "advocate.avery", null, Instant.now())))));
        }
        relay.publishSoon("widgets", caseId);

        var published = TopicReader.awaitRecords(
                        VillageInfrastructure.get().kafkaBootstrapServers(),
                        List.of(Topics.CASE_EVENTS),
                        record -> caseId.equals(record.key()),
                        1,
                        WAIT)
                .get(0);
        String sent =
                new String(published.headers().lastHeader(TraceContext.HEADER).value(), UTF_8);
        assertThat(TraceContext.traceId(sent)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(sent).as("a step of its own").isNotEqualTo(caller);
        await().atMost(WAIT)
                .until(() -> database.getCollection("deliveries").countDocuments(Filters.eq("caseId", caseId)) == 1);
        String consumed = database.getCollection("deliveries")
                .find(Filters.eq("caseId", caseId))
                .first()
                .getString("traceparent");
        assertThat(TraceContext.traceId(consumed)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceContext.current())
                .as("the test thread's own trace ended with its work")
                .isEmpty();
    }

    @Test
    void aMalformedTraceparentStartsANewTrace() {
        try (TraceContext.Scope started =
                TraceContext.continueOrStart("00-00000000000000000000000000000000-00f067aa0ba902b7-01")) {
            assertThat(TraceContext.traceId(TraceContext.current().orElseThrow()))
                    .isNotEqualTo("0".repeat(32))
                    .matches("[0-9a-f]{32}");
        }
        try (TraceContext.Scope started = TraceContext.continueOrStart("not a trace")) {
            assertThat(TraceContext.current().orElseThrow()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        }
    }

    @Test
    void everyEventDeliveredTwiceHasOneEffect() {
        String caseId = "twice-" + UUID.randomUUID();
        int events = 10;
        for (int i = 0; i < events; i++) {
            ProducerRecord<String, byte[]> record = cloudEvent(
                    UUID.randomUUID().toString(), new AdvocateAssigned(caseId, "advocate." + i, null, Instant.now()));
            template.send(record);
            template.send(TestEvents.again(record));
        }

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                database.getCollection("deliveries").countDocuments(Filters.eq("caseId", caseId)))
                        .isEqualTo(2L * events));
        assertThat(database.getCollection("effects").countDocuments(Filters.eq("caseId", caseId)))
                .isEqualTo(events);
        assertThat(database.getCollection("counters")
                        .find(Filters.eq("_id", caseId))
                        .first()
                        .getInteger("applied"))
                .isEqualTo(events);
    }

    @Test
    void poisonPillsGoToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        String key = "poison-" + UUID.randomUUID();
        template.send(
                new ProducerRecord<>(Topics.CASE_EVENTS, 0, key, "not a cloud event".getBytes(StandardCharsets.UTF_8)));
        ProducerRecord<String, byte[]> invalidData = cloudEvent(
                UUID.randomUUID().toString(), new AdvocateAssigned(key, "advocate.avery", null, Instant.now()));
        template.send(new ProducerRecord<>(
                Topics.CASE_EVENTS,
                0,
                key,
                "{\"caseId\":null}".getBytes(StandardCharsets.UTF_8),
                invalidData.headers()));
        ProducerRecord<String, byte[]> valid = cloudEvent(
                UUID.randomUUID().toString(), new AdvocateAssigned(key, "advocate.avery", null, Instant.now()));
        template.send(new ProducerRecord<>(Topics.CASE_EVENTS, 0, key, valid.value(), valid.headers()));

        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(database.getCollection("effects").countDocuments(Filters.eq("caseId", key)))
                                .isEqualTo(1));

        List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader.awaitRecords(
                VillageInfrastructure.get().kafkaBootstrapServers(),
                List.of(Topics.deadLetter(Topics.CASE_EVENTS)),
                record -> key.equals(record.key()),
                2,
                WAIT);
        assertThat(deadLetters).hasSize(2);
        assertThat(deadLetters)
                .allSatisfy(record -> assertThat(record.headers().lastHeader("kafka_dlt-exception-fqcn"))
                        .isNotNull());
        assertThat(new String(deadLetters.get(0).value(), StandardCharsets.UTF_8))
                .isEqualTo("not a cloud event");
    }

    private static ProducerRecord<String, byte[]> cloudEvent(String id, VillageEvent event) {
        return TestEvents.record(id, event);
    }
}
