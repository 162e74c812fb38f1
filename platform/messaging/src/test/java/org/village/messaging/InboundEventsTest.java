package org.village.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseClosed;
import org.village.events.CaseOpened;
import org.village.events.InvalidEventDataException;
import org.village.testing.TestEvents;

/** A listener that acts on some kinds of event reads only those; what is no event is still found out. */
class InboundEventsTest {

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent, byte[] value) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(sent.topic(), 0, 0L, sent.key(), value);
        sent.headers().forEach(header -> record.headers().add(header));
        return record;
    }

    @Test
    void onlyTheWantedKindsAreReadAndAnyOtherIsLeftUnread() {
        ProducerRecord<String, byte[]> assigned =
                TestEvents.record(new AdvocateAssigned("case-1", "advocate.avery", null, Instant.now()));
        ProducerRecord<String, byte[]> closed =
                TestEvents.record(new CaseClosed("case-1", Instant.now(), "SAFE_AND_STABLE"));

        assertThat(InboundEvents.decode(consumed(assigned, assigned.value()), CaseOpened.class, AdvocateAssigned.class))
                .hasValueSatisfying(event -> assertThat(event.data()).isInstanceOf(AdvocateAssigned.class));
        // not wanted: empty, and its data is not even read (this data could never be read)
        byte[] unreadable = "{not json".getBytes(StandardCharsets.UTF_8);
        assertThat(InboundEvents.decode(consumed(closed, unreadable), CaseOpened.class, AdvocateAssigned.class))
                .isEmpty();
        assertThatThrownBy(() -> InboundEvents.decode(consumed(closed, unreadable), CaseClosed.class))
                .isInstanceOf(InvalidEventDataException.class);
    }

    @Test
    void aRecordThatIsNoCloudEventIsStillFoundOut() {
        ConsumerRecord<String, byte[]> poison = new ConsumerRecord<>(
                "case.events.v1", 0, 0L, "case-1", "not a CloudEvent".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> InboundEvents.decode(poison, CaseOpened.class))
                .isInstanceOf(InvalidEventDataException.class);
    }
}
