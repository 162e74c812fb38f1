package org.village.reporting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The Lethality Assessment Program's statistical report: per police agency, for a period and for each month in
 * it, the screens made, screens per day, screened in by protocol and by officer belief, not screened in, screens
 * not completed, and victims who spoke with the hotline with the share of screened-in victims who did. Small
 * counts are suppressed ({@link Suppression}); a rate computed from a hidden count is hidden too ("*"). Screens per
 * day and the share are rounded to two decimals.
 */
public final class LapStatistics {

    /** The columns, in the order the report and its CSV give them. */
    public static final List<String> COLUMNS = List.of(
            "agency",
            "month",
            "screens",
            "days",
            "screensPerDay",
            "screenedInByProtocol",
            "screenedInByOfficerBelief",
            "notScreenedIn",
            "screensNotCompleted",
            "spokeWithHotline",
            "shareOfScreenedInWhoSpokeWithHotline");

    private LapStatistics() {}

    /** One line of the report: an agency's whole period ({@code month} null) or one month of it. */
    public record Line(
            String agency,
            @Nullable YearMonth month,
            Cell screens,
            long days,
            @Nullable BigDecimal screensPerDay,
            Cell byProtocol,
            Cell byOfficerBelief,
            Cell notScreenedIn,
            Cell notCompleted,
            Cell spokeWithHotline,
            @Nullable BigDecimal shareWhoSpoke) {

        /** The line's values in {@link #COLUMNS} order, as shown. */
        public List<Object> shown() {
            List<Object> values = new ArrayList<>();
            values.add(agency);
            values.add(month == null ? "period" : month.toString());
            values.add(screens.shown());
            values.add(days);
            values.add(screensPerDay == null ? Suppression.PROTECTING : screensPerDay);
            values.add(byProtocol.shown());
            values.add(byOfficerBelief.shown());
            values.add(notScreenedIn.shown());
            values.add(notCompleted.shown());
            values.add(spokeWithHotline.shown());
            values.add(shareWhoSpoke == null ? (screenedInHidden() ? Suppression.PROTECTING : "") : shareWhoSpoke);
            return values;
        }

        private boolean screenedInHidden() {
            return byProtocol.suppressed() || byOfficerBelief.suppressed() || spokeWithHotline.suppressed();
        }
    }

    /** The report over the screens of a period: per agency the period's line, then one line per month. */
    public static List<Line> of(List<ScreenFact> screens, Period period, Suppression suppression) {
        Map<String, List<ScreenFact>> byAgency = new TreeMap<>();
        for (ScreenFact screen : screens) {
            if (period.contains(screen.submittedAt())) {
                byAgency.computeIfAbsent(screen.departmentId(), key -> new ArrayList<>())
                        .add(screen);
            }
        }
        List<Line> lines = new ArrayList<>();
        byAgency.forEach((agency, agencyScreens) -> {
            Map<YearMonth, List<ScreenFact>> byMonth = new LinkedHashMap<>();
            period.months().forEach(month -> byMonth.put(month, new ArrayList<>()));
            agencyScreens.forEach(
                    screen -> byMonth.computeIfAbsent(period.monthOf(screen.submittedAt()), month -> new ArrayList<>())
                            .add(screen));
            List<Line> months = new ArrayList<>();
            byMonth.forEach((month, monthScreens) ->
                    months.add(line(agency, month, monthScreens, period.daysIn(month), suppression)));
            Line whole = line(agency, null, agencyScreens, period.days(), suppression);
            lines.add(withMonthsGuarded(whole, months, suppression));
            lines.addAll(months);
        });
        return lines;
    }

    private static Line line(
            String agency, @Nullable YearMonth month, List<ScreenFact> screens, long days, Suppression suppression) {
        long byProtocol = count(screens, ScreenFact::inByProtocol);
        long byBelief = count(screens, ScreenFact::inByOfficerBelief);
        long notIn = screens.size() - byProtocol - byBelief;
        Suppression.Group outcomes = suppression.group(screens.size(), List.of(byProtocol, byBelief, notIn));
        Cell notCompleted = suppression.cell(count(screens, screen -> !screen.screenCompleted()));
        Cell spoke = suppression.cell(count(screens, screen -> screen.screenedIn() && screen.victimSpokeWithHotline()));
        Cell total = outcomes.total();
        Cell protocol = outcomes.parts().get(0);
        Cell belief = outcomes.parts().get(1);
        return new Line(
                agency,
                month,
                total,
                days,
                total.suppressed() ? null : ratio(total.count(), days),
                protocol,
                belief,
                outcomes.parts().get(2),
                notCompleted,
                spoke,
                protocol.suppressed() || belief.suppressed() || spoke.suppressed() || byProtocol + byBelief == 0
                        ? null
                        : ratio(spoke.count(), byProtocol + byBelief));
    }

    /**
     * The period's screens are the sum of its months': when exactly one month's count is hidden, the period's is
     * hidden too, or the difference would show it; and since the period's outcomes add up to its screens, the
     * smallest of them is hidden with it unless one already is.
     */
    private static Line withMonthsGuarded(Line whole, List<Line> months, Suppression suppression) {
        long hidden =
                months.stream().filter(month -> month.screens().suppressed()).count();
        if (hidden != 1 || whole.screens().suppressed()) {
            return whole;
        }
        List<Cell> outcomes =
                new ArrayList<>(List.of(whole.byProtocol(), whole.byOfficerBelief(), whole.notScreenedIn()));
        if (outcomes.stream().noneMatch(Cell::suppressed)) {
            int smallest = 2;
            for (int i = 0; i < outcomes.size(); i++) {
                long count = outcomes.get(i).count();
                if (count > 0
                        && (outcomes.get(smallest).count() == 0
                                || count < outcomes.get(smallest).count())) {
                    smallest = i;
                }
            }
            outcomes.set(smallest, suppression.hide(outcomes.get(smallest)));
        }
        Cell protocol = outcomes.get(0);
        Cell belief = outcomes.get(1);
        Cell notIn = outcomes.get(2);
        return new Line(
                whole.agency(),
                whole.month(),
                suppression.hide(whole.screens()),
                whole.days(),
                null,
                protocol,
                belief,
                notIn,
                whole.notCompleted(),
                whole.spokeWithHotline(),
                protocol.suppressed() || belief.suppressed() ? null : whole.shareWhoSpoke());
    }

    private static long count(List<ScreenFact> screens, Predicate<ScreenFact> which) {
        return screens.stream().filter(which).count();
    }

    private static BigDecimal ratio(long part, long whole) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }
}
