package org.village.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bed nights: the beds as a shelter's last count before each midnight had them, for the nights that are over. */
class ShelterUseTest {

    private final Period october1to3 =
            new Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 3), ZoneId.of("America/Chicago"));

    @Test
    void aNightIsCountedAsTheBedsStoodAtItsMidnightAndTonightIsNotCountedYet() {
        List<BedSnapshot> beds = List.of(
                new BedSnapshot("harbor", Instant.parse("2026-09-30T12:00:00Z"), 10, 5, 0),
                // 23:59 on 1 October in Chicago: counts for that night
                new BedSnapshot("harbor", Instant.parse("2026-10-02T04:59:00Z"), 10, 7, 2));
        // noon on 3 October in Chicago: the nights of 1 and 2 October are over, the 3rd's is not
        List<List<Object>> lines = ShelterUse.of(
                beds, List.of(), null, october1to3, Instant.parse("2026-10-03T17:00:00Z"), new Suppression(5));
        assertThat(lines.subList(0, 6))
                .extracting(line -> line.get(3) + "=" + line.get(4))
                .containsExactly(
                        "total=20", "OCCUPIED=14", "HELD=<5", "AVAILABLE=<5", "OCCUPIED=0.70", "OCCUPIED_OR_HELD=*");
    }
}
