package org.village.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A report's lines in long form, with its medians, percentiles and shares. */
class FiguresTest {

    private static List<Duration> hours(long... values) {
        return java.util.Arrays.stream(values).mapToObj(Duration::ofHours).toList();
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndThe90thPercentileIsANearestRank() {
        assertThat(Figures.medianHours(hours(2, 4, 6, 8, 10, 12))).isEqualByComparingTo("7.0");
        assertThat(Figures.medianHours(hours(80, 10, 30, 20, 40))).isEqualByComparingTo("30.0");
        assertThat(Figures.p90Hours(hours(2, 4, 6, 8, 10, 12))).isEqualByComparingTo("12.0");
        assertThat(Figures.p90Hours(hours(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))).isEqualByComparingTo("10.0");
        assertThat(Figures.medianHours(List.of(Duration.ofMinutes(90)))).isEqualByComparingTo("1.5");
        assertThat(Figures.medianHours(List.of())).isNull();
    }

    @Test
    void aStatisticOfFewerValuesThanTheThresholdIsNotShownAndOfNoneIsEmpty() {
        Figures figures = new Figures(new Suppression(5)).about("bridges");
        figures.statistic("hours", "all", "median", new BigDecimal("7.0"), 5);
        figures.statistic("hours", "all", "median", new BigDecimal("7.0"), 4);
        figures.statistic("hours", "all", "median", null, 0);
        figures.share("use", "all", "OCCUPIED", 3, 10, true);
        figures.share("use", "all", "OCCUPIED", 0, 10, false);
        figures.share("use", "all", "OCCUPIED", 0, 0, false);
        assertThat(figures.lines())
                .extracting(line -> line.get(4))
                .containsExactly(new BigDecimal("7.0"), "*", "", "*", new BigDecimal("0.00"), "");
    }

    @Test
    void aBreakdownStartsWithItsTotalAndIsSuppressedWithIt() {
        Map<String, Long> parts = new LinkedHashMap<>();
        parts.put("HIGH", 6L);
        parts.put("STANDARD", 1L);
        Figures figures = new Figures(new Suppression(5)).about("bridges");
        figures.breakdown("casesOpened", "dangerLevel", parts);
        assertThat(figures.lines())
                .containsExactly(
                        List.of("bridges", "casesOpened", "dangerLevel", "total", "*"),
                        List.of("bridges", "casesOpened", "dangerLevel", "HIGH", 6L),
                        List.of("bridges", "casesOpened", "dangerLevel", "STANDARD", "<5"));
    }
}
