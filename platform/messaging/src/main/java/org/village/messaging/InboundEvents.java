package org.village.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.village.events.EventCatalog;
import org.village.events.EventJson;
import org.village.events.EventType;
import org.village.events.InvalidEventDataException;
import org.village.events.VillageEvent;

/** Turns consumed Kafka records into events; a record that can never be an event is a poison pill. */
public final class InboundEvents {

    private InboundEvents() {}

    /**
     * The event in {@code record}, or empty when its type is one this version of Village does not know
     * (a newer producer's event that no consumer here reads yet).
     *
     * @throws InvalidEventDataException when the record is not a CloudEvent or its data is invalid; such a
     *         record goes straight to the dead-letter topic
     */
    public static Optional<InboundEvent<?>> decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent cloudEvent;
        try {
            cloudEvent = KafkaMessageFactory.createReader(record).toEvent();
        } catch (CloudEventRWException | IllegalStateException | IllegalArgumentException e) {
            throw new InvalidEventDataException(
                    "Record at " + record.topic() + "-" + record.partition() + "@" + record.offset()
                            + " is not a CloudEvent: " + e.getMessage(),
                    e);
        }
        Optional<EventType<?>> type = EventCatalog.byName(cloudEvent.getType());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (cloudEvent.getData() == null) {
            throw new InvalidEventDataException("Event " + cloudEvent.getId() + " has no data", null);
        }
        return Optional.of(decode(cloudEvent, type.get()));
    }

    private static <T extends VillageEvent> InboundEvent<T> decode(CloudEvent cloudEvent, EventType<T> type) {
        T data = EventJson.read(cloudEvent.getData().toBytes(), type.dataClass());
        Instant time = cloudEvent.getTime() == null
                ? Instant.now()
                : cloudEvent.getTime().toInstant();
        return new InboundEvent<>(cloudEvent.getId(), type, time, data);
    }
}
