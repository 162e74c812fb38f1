package org.village.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LAP statistical report's figures, per police agency and month, in the organisation's calendar. */
class LapStatisticsTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private final Period octoberAndNovember =
            new Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 30), CHICAGO);

    @Test
    void countsEveryColumnPerAgencyForThePeriodAndEachMonth() {
        List<ScreenFact> screens = new ArrayList<>();
        // riverside-pd, October: 6 by protocol (3 spoke with the hotline), 5 by belief (all spoke), 7 not screened
        // in (2 of them not completed)
        add(screens, "riverside-pd", "2026-10-10T15:00:00Z", "PROTOCOL_QUESTIONS_1_3", 3, true, true);
        add(screens, "riverside-pd", "2026-10-11T15:00:00Z", "PROTOCOL_COUNT", 3, true, false);
        add(screens, "riverside-pd", "2026-10-12T15:00:00Z", "OFFICER_JUDGMENT", 1, true, true);
        add(screens, "riverside-pd", "2026-10-12T16:00:00Z", "OFFICER_JUDGMENT", 4, true, true);
        add(screens, "riverside-pd", "2026-10-13T15:00:00Z", "NOT_SCREENED_IN", 5, true, false);
        add(screens, "riverside-pd", "2026-10-14T15:00:00Z", "NOT_SCREENED_IN", 2, false, false);
        // riverside-pd, November: 5 by protocol, none spoke; 6 not screened in
        add(screens, "riverside-pd", "2026-11-02T15:00:00Z", "PROTOCOL_COUNT", 5, true, false);
        add(screens, "riverside-pd", "2026-11-03T15:00:00Z", "NOT_SCREENED_IN", 5, true, false);
        // 23:30 in Chicago on 30 November is 05:30 UTC on 1 December: still in the period, in November
        add(screens, "riverside-pd", "2026-12-01T05:30:00Z", "NOT_SCREENED_IN", 1, true, false);
        // 00:10 in Chicago on 1 December: after the period
        add(screens, "riverside-pd", "2026-12-01T06:10:00Z", "PROTOCOL_COUNT", 1, true, false);
        // 23:50 in Chicago on 30 September: before it
        add(screens, "riverside-pd", "2026-10-01T04:50:00Z", "PROTOCOL_COUNT", 1, true, false);

        List<LapStatistics.Line> lines = LapStatistics.of(screens, octoberAndNovember, new Suppression(5));

        assertThat(lines)
                .extracting(LapStatistics.Line::shown)
                .containsExactly(
                        List.of(
                                "riverside-pd",
                                "period",
                                29L,
                                61L,
                                decimal("0.48"),
                                11L,
                                5L,
                                13L,
                                "<5",
                                8L,
                                decimal("0.50")),
                        List.of(
                                "riverside-pd",
                                "2026-10",
                                18L,
                                31L,
                                decimal("0.58"),
                                6L,
                                5L,
                                7L,
                                "<5",
                                8L,
                                decimal("0.73")),
                        List.of(
                                "riverside-pd",
                                "2026-11",
                                11L,
                                30L,
                                decimal("0.37"),
                                5L,
                                0L,
                                6L,
                                0L,
                                0L,
                                decimal("0.00")));
    }

    @Test
    void aMonthWithFewScreensIsHiddenAndSoIsThePeriodTotalThatWouldGiveItAway() {
        List<ScreenFact> screens = new ArrayList<>();
        add(screens, "valley-pd", "2026-10-10T15:00:00Z", "PROTOCOL_COUNT", 6, true, true);
        add(screens, "valley-pd", "2026-10-11T15:00:00Z", "NOT_SCREENED_IN", 7, true, false);
        add(screens, "valley-pd", "2026-11-10T15:00:00Z", "NOT_SCREENED_IN", 2, true, false);

        List<LapStatistics.Line> lines = LapStatistics.of(screens, octoberAndNovember, new Suppression(5));

        // November's 2 are hidden; the period's 15 would be October's 13 plus them, so it is hidden too ("*"), and
        // with it the smallest of its outcomes (6 by protocol), since its outcomes add up to it
        assertThat(lines.get(0).shown())
                .containsExactly("valley-pd", "period", "*", 61L, "*", "*", 0L, 9L, 0L, 6L, "*");
        assertThat(lines.get(2).shown())
                .containsExactly("valley-pd", "2026-11", "<5", 30L, "*", 0L, 0L, "<5", 0L, 0L, "");
    }

    private static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }

    private static void add(
            List<ScreenFact> screens,
            String department,
            String at,
            String reason,
            int howMany,
            boolean completed,
            boolean spoke) {
        for (int i = 0; i < howMany; i++) {
            screens.add(new ScreenFact(
                    department + "-" + at + "-" + i,
                    department,
                    Instant.parse(at),
                    reason,
                    completed,
                    spoke,
                    "bridges",
                    1,
                    null,
                    null));
        }
    }
}
