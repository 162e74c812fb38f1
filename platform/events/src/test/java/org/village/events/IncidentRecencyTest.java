package org.village.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long before the intake the incident was, in HUD's bands: the event carries the band, never the date. */
class IncidentRecencyTest {

    private static final Instant INTAKE = Instant.parse("2026-11-30T15:00:00Z");

    @Test
    void eachBandStartsOnTheDayItsMonthsAreUp() {
        assertThat(List.of(
                                "2026-11-30T01:00:00Z",
                                "2026-08-30T12:00:00Z",
                                "2026-08-29T12:00:00Z",
                                "2026-05-30T12:00:00Z",
                                "2026-05-29T12:00:00Z",
                                "2025-11-30T12:00:00Z",
                                "2025-11-29T12:00:00Z")
                        .stream()
                        .map(at -> IntakeSubmitted.recencyOf(Instant.parse(at), INTAKE))
                        .toList())
                .containsExactly(
                        "WITHIN_3_MONTHS",
                        "WITHIN_3_MONTHS",
                        "3_TO_6_MONTHS",
                        "3_TO_6_MONTHS",
                        "6_TO_12_MONTHS",
                        "6_TO_12_MONTHS",
                        "A_YEAR_OR_MORE");
        assertThat(IntakeSubmitted.recencyOf(null, INTAKE)).isNull();
    }

    @Test
    void anEventWithABandNobodyKnowsIsRefused() {
        assertThatThrownBy(() -> new IntakeSubmitted(
                        "intake-1",
                        "riverside-pd",
                        "officer.reyes",
                        INTAKE,
                        DangerLevel.HIGH,
                        true,
                        "PROTOCOL_COUNT",
                        true,
                        List.of(),
                        null,
                        1,
                        true,
                        true,
                        "2026-11-01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("incidentRecency");
    }
}
