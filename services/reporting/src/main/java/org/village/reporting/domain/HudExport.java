package org.village.reporting.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.village.events.IntakeSubmitted;
import org.village.events.Vocabulary;

/**
 * A comparable-database export in the shape of HUD's Annual Performance Report, for a victim-service provider that
 * may not enter survivors into an HMIS: one table per question Village's data answers, per advocacy agency, over
 * the survivors served in the period (a case is one survivor and one household). Each column is suppressed with
 * its total.
 */
public final class HudExport {

    /** The length-of-participation bands of APR Q22a, in days. */
    static final List<String> LENGTHS = List.of(
            "30_DAYS_OR_LESS",
            "31_TO_60_DAYS",
            "61_TO_90_DAYS",
            "91_TO_180_DAYS",
            "181_TO_365_DAYS",
            "366_TO_730_DAYS",
            "731_DAYS_OR_MORE");

    private static final int[] LENGTH_LIMITS = {30, 60, 90, 180, 365, 730};

    static final String UNKNOWN = "UNKNOWN";

    static final List<String> HOUSEHOLD_TYPES = List.of("WITHOUT_CHILDREN", "WITH_CHILDREN_AND_ADULTS", UNKNOWN);

    private HudExport() {}

    public static List<Table> of(ProgramOutcomes.Facts facts, Period period, Suppression suppression) {
        Map<String, List<CaseFact>> byAgency =
                new TreeMap<>(facts.cases().stream().collect(Collectors.groupingBy(CaseFact::agencyId)));
        List<List<Object>> households = new ArrayList<>();
        List<List<Object>> recency = new ArrayList<>();
        List<List<Object>> lengths = new ArrayList<>();
        List<List<Object>> exits = new ArrayList<>();
        byAgency.forEach((agency, cases) -> {
            Map<String, Long> householdCount = Figures.zeroes(HOUSEHOLD_TYPES);
            Map<String, Long> persons = Figures.zeroes(HOUSEHOLD_TYPES);
            List<String> bands = new ArrayList<>(IntakeSubmitted.INCIDENT_RECENCIES);
            bands.add(UNKNOWN);
            Map<String, Long> when = Figures.zeroes(bands);
            Map<String, Long> leavers = Figures.zeroes(LENGTHS);
            Map<String, Long> stayers = Figures.zeroes(LENGTHS);
            Map<String, Long> exitReasons = Figures.zeroes(Vocabulary.CLOSURE_REASONS);
            for (CaseFact fact : cases) {
                ScreenFact screen = facts.screensByIntake().get(fact.intakeId());
                String type = screen == null
                        ? UNKNOWN
                        : screen.children() > 0 ? "WITH_CHILDREN_AND_ADULTS" : "WITHOUT_CHILDREN";
                householdCount.merge(type, 1L, Long::sum);
                persons.merge(type, screen == null ? 1L : screen.householdSize(), Long::sum);
                String band = screen == null ? null : screen.incidentRecency();
                when.merge(band == null ? UNKNOWN : band, 1L, Long::sum);
                LocalDate entered = LocalDate.ofInstant(fact.openedAt(), period.zone());
                if (fact.closedIn(period)) {
                    LocalDate exited = LocalDate.ofInstant(Objects.requireNonNull(fact.closedAt()), period.zone());
                    leavers.merge(length(entered, exited), 1L, Long::sum);
                    exitReasons.merge(String.valueOf(fact.closureReason()), 1L, Long::sum);
                } else {
                    stayers.merge(length(entered, period.to()), 1L, Long::sum);
                }
            }
            rows(households, agency, suppression, householdCount, persons);
            rows(recency, agency, suppression, when);
            rows(lengths, agency, suppression, leavers, stayers);
            rows(exits, agency, suppression, exitReasons);
        });
        return List.of(
                new Table(
                        "q07a-persons-served-by-household-type.csv",
                        "APR Q7a: number of persons served, by household type (a household with children has one"
                                + " adult, the survivor)",
                        List.of("agency", "householdType", "households", "persons"),
                        households),
                new Table(
                        "q14b-when-experience-occurred.csv",
                        "APR Q14b: persons fleeing domestic violence, by when the most recent incident occurred"
                                + " before the intake",
                        List.of("agency", "whenExperienceOccurred", "persons"),
                        recency),
                new Table(
                        "q22a-length-of-participation.csv",
                        "APR Q22a: length of participation, from the case's opening to its closing (leavers) or to"
                                + " the period's last day (stayers)",
                        List.of("agency", "lengthOfParticipation", "leavers", "stayers"),
                        lengths),
                new Table(
                        "q23-exit-reason.csv",
                        "APR Q23 (in Village's terms): leavers by why their case closed, in place of the exit"
                                + " destination Village does not record",
                        List.of("agency", "closureReason", "leavers"),
                        exits));
    }

    private static String length(LocalDate entered, LocalDate until) {
        long days = ChronoUnit.DAYS.between(entered, until);
        for (int i = 0; i < LENGTH_LIMITS.length; i++) {
            if (days <= LENGTH_LIMITS[i]) {
                return LENGTHS.get(i);
            }
        }
        return LENGTHS.get(LENGTHS.size() - 1);
    }

    /** An agency's rows: one per category, then the total; each column suppressed with its total. */
    @SafeVarargs
    private static void rows(
            List<List<Object>> into, String agency, Suppression suppression, Map<String, Long>... columns) {
        List<Suppression.Group> groups = new ArrayList<>();
        for (Map<String, Long> column : columns) {
            groups.add(suppression.group(
                    column.values().stream().mapToLong(Long::longValue).sum(), List.copyOf(column.values())));
        }
        List<String> categories = new ArrayList<>(columns[0].keySet());
        for (int i = 0; i < categories.size(); i++) {
            List<Object> row = new ArrayList<>(List.of(agency, categories.get(i)));
            for (Suppression.Group group : groups) {
                row.add(group.parts().get(i).shown());
            }
            into.add(row);
        }
        List<Object> total = new ArrayList<>(List.of(agency, Figures.TOTAL.toUpperCase(Locale.ROOT)));
        groups.forEach(group -> total.add(group.total().shown()));
        into.add(total);
    }
}
