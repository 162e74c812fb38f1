package org.village.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.village.events.*;
import org.village.events.CaseOpened;
import org.village.events.EventCatalog;
import org.village.events.EventJson;
import org.village.events.InvalidEventDataException;
import org.village.events.VillageEvent;

/** The contract of every event type: what producers write validates, and readers tolerate additions. */
class EventContractTest {

    static Stream<VillageEvent> samples() {
        return SampleEvents.all().stream();
    }

    @Test
    void everyCatalogTypeHasASample() {
        Map<Class<?>, VillageEvent> byClass =
                samples().collect(Collectors.toMap(Object::getClass, Function.identity()));
        EventCatalog.all().forEach(type -> assertThat(byClass).containsKey(type.dataClass()));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void producedDataValidatesAgainstItsSchema(VillageEvent event) {
        EventContracts.assertValid(EventCatalog.of(event).type(), EventJson.write(event));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void consumerAcceptsAnUnknownExtraField(VillageEvent event) {
        String json = new String(EventJson.write(event), StandardCharsets.UTF_8);
        String withExtra = json.substring(0, json.length() - 1) + ",\"addedInAFutureVersion\":{\"x\":1}}";

        VillageEvent read = EventJson.read(withExtra.getBytes(StandardCharsets.UTF_8), event.getClass());

        assertThat(read).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void dataMissingARequiredFieldIsRejectedByReaderAndSchema(VillageEvent event) {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);

        assertThat(EventContracts.violations(EventCatalog.of(event).type(), empty))
                .isNotEmpty();
        assertThatThrownBy(() -> EventJson.read(empty, event.getClass())).isInstanceOf(InvalidEventDataException.class);
    }

    @Test
    void malformedJsonIsInvalidEventData() {
        assertThatThrownBy(() -> EventJson.read("{not json".getBytes(StandardCharsets.UTF_8), CaseOpened.class))
                .isInstanceOf(InvalidEventDataException.class);
    }

    @Test
    void aWrongDateFormatBreaksTheSchema() {
        byte[] data = EventJson.write(new AdvocateAssigned("case-1", "advocate.avery", null, SampleEvents.AT));
        String broken = new String(data, StandardCharsets.UTF_8).replace("2026-11-20T21:30:00Z", "yesterday");

        assertThat(EventContracts.violations(
                        "village.case.advocate-assigned.v1", broken.getBytes(StandardCharsets.UTF_8)))
                .isNotEmpty();
    }
}
