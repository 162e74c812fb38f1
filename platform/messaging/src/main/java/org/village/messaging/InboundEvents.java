package org.village.messaging;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.village.events.EventCatalog;
import org.village.events.EventJson;
import org.village.events.EventType;
import org.village.events.InvalidEventDataException;
import org.village.events.VillageEvent;

/** Turns consumed Kafka records into events; a record that can never be an event is a poison pill. */
public final class InboundEvents {

    /** The Kafka header a CloudEvent in binary mode carries its type in. */
    private static final String TYPE_HEADER = "ce_type";

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

    /**
     * As {@link #decode(ConsumerRecord)}, for a listener that acts on some kinds of event only: a record whose
     * CloudEvent type (its {@code ce_type} header) is a known event of none of those kinds is answered empty
     * without its data being read. A record without that header is decoded, so that it is found to be no event.
     */
    public static Optional<InboundEvent<?>> decode(ConsumerRecord<String, byte[]> record, Class<?>... wanted) {
        Header type = record.headers().lastHeader(TYPE_HEADER);
        if (type != null) {
            Optional<EventType<?>> known = EventCatalog.byName(new String(type.value(), StandardCharsets.UTF_8));
            if (known.isPresent()
                    && Arrays.stream(wanted)
                            .noneMatch(kind -> kind.isAssignableFrom(known.get().dataClass()))) {
                return Optional.empty();
            }
        }
        return decode(record);
    }

    private static <T extends VillageEvent> InboundEvent<T> decode(CloudEvent cloudEvent, EventType<T> type) {
        T data = EventJson.read(cloudEvent.getData().toBytes(), type.dataClass());
        Instant time = cloudEvent.getTime() == null
                ? Instant.now()
                : cloudEvent.getTime().toInstant();
        return new InboundEvent<>(cloudEvent.getId(), type, time, data);
    }
}
