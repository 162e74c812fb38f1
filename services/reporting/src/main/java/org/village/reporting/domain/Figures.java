package org.village.reporting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A report's lines in long form, suppressed as they are written: per organisation, a measure, a group (a way of
 * breaking it down, or {@code all}), a category and its value. A breakdown starts with its {@code total}.
 */
public final class Figures {

    /** The group of a measure that is not broken down. */
    public static final String ALL = "all";

    /** The category of a breakdown's total. */
    public static final String TOTAL = "total";

    private final Suppression suppression;
    private final List<List<Object>> lines = new ArrayList<>();
    private String organisation = "";

    public Figures(Suppression suppression) {
        this.suppression = suppression;
    }

    /** The columns of such a report, named after the kind of organisation its lines are about. */
    public static List<String> columns(String organisation) {
        return List.of(organisation, "measure", "group", "category", "value");
    }

    /** The organisation the next lines are about. */
    public Figures about(String organisation) {
        this.organisation = organisation;
        return this;
    }

    /** A count broken down one way: its total, then each part, suppressed together. */
    public Suppression.Group breakdown(String measure, String group, Map<String, Long> parts) {
        Suppression.Groups groups = breakdowns(measure, Map.of(group, parts));
        return new Suppression.Group(groups.total(), groups.breakdowns().get(0));
    }

    /** A count broken down several ways, one group each, sharing their total. */
    public Suppression.Groups breakdowns(String measure, Map<String, Map<String, Long>> groups) {
        long total = groups.values().iterator().next().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        List<List<Long>> counts = groups.values().stream()
                .map(parts -> List.copyOf(parts.values()))
                .toList();
        Suppression.Groups cells = suppression.groups(total, counts);
        int index = 0;
        for (Map.Entry<String, Map<String, Long>> group : groups.entrySet()) {
            line(measure, group.getKey(), TOTAL, cells.total().shown());
            int part = 0;
            for (String category : group.getValue().keySet()) {
                line(
                        measure,
                        group.getKey(),
                        category,
                        cells.breakdowns().get(index).get(part++).shown());
            }
            index++;
        }
        return cells;
    }

    /** A count on its own. */
    public Cell count(String measure, String group, String category, long count) {
        Cell cell = suppression.cell(count);
        line(measure, group, category, cell.shown());
        return cell;
    }

    /**
     * A figure computed from {@code from} values (a median, a share): not shown when they are fewer than the
     * threshold ("*"), since it would describe a handful of people; empty when there are none.
     */
    public void statistic(String measure, String group, String category, @Nullable BigDecimal value, long from) {
        if (from == 0 || value == null) {
            line(measure, group, category, "");
        } else if (from < suppression.threshold()) {
            line(measure, group, category, Suppression.PROTECTING);
        } else {
            line(measure, group, category, value);
        }
    }

    /**
     * {@code part / whole} with two decimals: empty when the whole is zero, not shown ("*") when a count it is
     * computed from is hidden, since the share and the shown counts would give it away.
     */
    public void share(String measure, String group, String category, long part, long whole, boolean fromHidden) {
        if (whole == 0) {
            line(measure, group, category, "");
        } else if (fromHidden) {
            line(measure, group, category, Suppression.PROTECTING);
        } else {
            line(measure, group, category, Objects.requireNonNull(share(part, whole)));
        }
    }

    public List<List<Object>> lines() {
        return List.copyOf(lines);
    }

    private void line(String measure, String group, String category, Object value) {
        lines.add(List.of(organisation, measure, group, category, value));
    }

    /** Counts per category, in the order the categories are given, each starting at zero. */
    public static Map<String, Long> zeroes(List<String> categories) {
        Map<String, Long> counts = new LinkedHashMap<>();
        categories.forEach(category -> counts.put(category, 0L));
        return counts;
    }

    /** The median of some durations, in hours with one decimal; null for none. */
    public static @Nullable BigDecimal medianHours(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Long> seconds =
                durations.stream().map(Duration::toSeconds).sorted().toList();
        int middle = seconds.size() / 2;
        double median =
                seconds.size() % 2 == 1 ? seconds.get(middle) : (seconds.get(middle - 1) + seconds.get(middle)) / 2.0;
        return hours(median);
    }

    /** The 90th percentile (nearest rank) of some durations, in hours with one decimal; null for none. */
    public static @Nullable BigDecimal p90Hours(List<Duration> durations) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Long> seconds =
                durations.stream().map(Duration::toSeconds).sorted().toList();
        int rank = (int) Math.ceil(0.9 * seconds.size());
        return hours(seconds.get(rank - 1));
    }

    /** {@code part / whole} with two decimals; null when the whole is zero. */
    public static @Nullable BigDecimal share(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal hours(double seconds) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
    }
}
