package org.village.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Reports page's charts, made from the reports' lines as the API answered them: each a list of bars with the
 * figure as shown (a hidden count stays "&lt;5" or "*" and draws no bar). Bars of counts are drawn against the
 * largest count in their chart, shares against 100%.
 */
final class ReportCharts {

    private ReportCharts() {}

    /** One bar: what it is about ({@code label}, and a code the page names in the reader's language), its figure. */
    public record Bar(String label, @Nullable String code, String shown, int percent) {}

    /** A chart: its message key and bars, and whether there is anything to draw. */
    public record Chart(String key, List<Bar> bars) {

        public boolean empty() {
            return bars.isEmpty();
        }
    }

    static List<Chart> of(
            List<Map<String, Object>> lap, List<Map<String, Object>> outcomes, List<Map<String, Object>> shelters) {
        return List.of(
                screens(lap), screenedIn(lap), firstContact(outcomes), referralOutcomes(outcomes), bedUse(shelters));
    }

    /** Screens per police agency and month. */
    private static Chart screens(List<Map<String, Object>> lap) {
        List<Figure> figures = new ArrayList<>();
        for (Map<String, Object> line : lap) {
            if (!"period".equals(line.get("month"))) {
                figures.add(new Figure(line.get("agency") + " · " + line.get("month"), null, line.get("screens"), ""));
            }
        }
        return new Chart("screens", counts(figures));
    }

    /** The share of each month's screens that screened in (HIGH danger), by protocol or by officer belief. */
    private static Chart screenedIn(List<Map<String, Object>> lap) {
        List<Bar> bars = new ArrayList<>();
        for (Map<String, Object> line : lap) {
            if ("period".equals(line.get("month"))) {
                continue;
            }
            String label = line.get("agency") + " · " + line.get("month");
            Object screens = line.get("screens");
            Object protocol = line.get("screenedInByProtocol");
            Object belief = line.get("screenedInByOfficerBelief");
            if (screens instanceof Number all && protocol instanceof Number p && belief instanceof Number b) {
                if (all.longValue() == 0) {
                    bars.add(new Bar(label, null, "–", 0));
                } else {
                    int percent = (int) Math.round(100.0 * (p.longValue() + b.longValue()) / all.longValue());
                    bars.add(new Bar(label, null, percent + "%", percent));
                }
            } else {
                bars.add(new Bar(label, null, "*", 0));
            }
        }
        return new Chart("screenedIn", bars);
    }

    /** Hours from intake to first contact per agency and danger level: median, 90th percentile and allowed. */
    private static Chart firstContact(List<Map<String, Object>> outcomes) {
        List<Figure> figures = new ArrayList<>();
        for (Map<String, Object> line : outcomes) {
            if ("firstContactHours".equals(line.get("measure"))) {
                figures.add(new Figure(
                        line.get("agency") + " · " + line.get("group"),
                        String.valueOf(line.get("category")),
                        line.get("value"),
                        " h"));
            }
        }
        return new Chart("firstContact", counts(figures));
    }

    /** Referrals sent per agency, by how they ended. */
    private static Chart referralOutcomes(List<Map<String, Object>> outcomes) {
        List<Figure> figures = new ArrayList<>();
        for (Map<String, Object> line : outcomes) {
            if ("referrals".equals(line.get("measure")) && !"total".equals(line.get("category"))) {
                figures.add(new Figure(
                        String.valueOf(line.get("agency")),
                        String.valueOf(line.get("category")),
                        line.get("value"),
                        ""));
            }
        }
        return new Chart("referralOutcomes", counts(figures));
    }

    /** Each shelter's bed nights occupied, and occupied or held, as shares of its beds. */
    private static Chart bedUse(List<Map<String, Object>> shelters) {
        List<Bar> bars = new ArrayList<>();
        for (Map<String, Object> line : shelters) {
            if ("utilisation".equals(line.get("measure"))) {
                String label = String.valueOf(line.get("shelter"));
                String code = String.valueOf(line.get("category"));
                Object value = line.get("value");
                if (value instanceof Number share) {
                    int percent = new BigDecimal(share.toString())
                            .multiply(BigDecimal.valueOf(100))
                            .setScale(0, RoundingMode.HALF_UP)
                            .intValue();
                    bars.add(new Bar(label, code, percent + "%", Math.min(percent, 100)));
                } else {
                    bars.add(new Bar(label, code, shown(value), 0));
                }
            }
        }
        return new Chart("bedUse", bars);
    }

    /** A figure before it is drawn: a number, or a mark that hides one. */
    private record Figure(
            String label, @Nullable String code, @Nullable Object value, String unit) {}

    private static List<Bar> counts(List<Figure> figures) {
        double largest = figures.stream()
                .map(Figure::value)
                .filter(Number.class::isInstance)
                .mapToDouble(value -> ((Number) Objects.requireNonNull(value)).doubleValue())
                .max()
                .orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (Figure figure : figures) {
            if (figure.value() instanceof Number number) {
                int percent = largest == 0 ? 0 : (int) Math.round(100 * number.doubleValue() / largest);
                bars.add(new Bar(figure.label(), figure.code(), number + figure.unit(), percent));
            } else {
                bars.add(new Bar(figure.label(), figure.code(), shown(figure.value()), 0));
            }
        }
        return bars;
    }

    private static String shown(@Nullable Object value) {
        return value == null || value.toString().isEmpty() ? "–" : value.toString();
    }
}
