package org.village.testing;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.village.events.EventCatalog;
import org.village.events.EventJson;
import org.village.events.EventType;
import org.village.events.VillageEvent;

/** Kafka records of Village events, shaped as the outbox relay publishes them, for tests that play a producer. */
public final class TestEvents {

    private TestEvents() {}

    /** The event as a binary-mode CloudEvent on its topic, keyed as its producer keys it, with a fresh id. */
    public static ProducerRecord<String, byte[]> record(VillageEvent event) {
        return record(UUID.randomUUID().toString(), event);
    }

    public static ProducerRecord<String, byte[]> record(String id, VillageEvent event) {
        return record(id, event, Instant.now());
    }

    /** The event as published at {@code time} (its CloudEvents time), with a fresh id. */
    public static ProducerRecord<String, byte[]> at(Instant time, VillageEvent event) {
        return record(UUID.randomUUID().toString(), event, time);
    }

    private static ProducerRecord<String, byte[]> record(String id, VillageEvent event, Instant time) {
        EventType<VillageEvent> type = EventCatalog.of(event);
        return KafkaMessageFactory.createWriter(type.topic(), event.partitionKey())
                .writeBinary(CloudEventBuilder.v1()
                        .withId(id)
                        .withType(type.type())
                        .withSource(URI.create(type.source()))
                        .withSubject(event.subject())
                        .withTime(time.atOffset(ZoneOffset.UTC))
                        .withData("application/json", EventJson.write(event))
                        .build());
    }

    /** The same record sent again: a redelivery, same id and headers. */
    public static ProducerRecord<String, byte[]> again(ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(), record.headers());
    }
}
