package org.village.reporting.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The counts FVPSA and VOCA ask for, per advocacy agency: survivors served in the period (open at some moment of
 * it), each counted once because a case is one survivor, new or continuing; the children in their households;
 * survivors given shelter (a referral sent in the period that a shelter accepted) and non-shelter services (an
 * advocate's task done for them in the period); hotline contacts (survivors whose intake in the period says they
 * spoke with the hotline); and survivors by preferred language.
 */
public final class FunderCounts {

    public static final List<String> COLUMNS = Figures.columns("agency");

    /** The language of a survivor whose intake gave none. */
    public static final String NOT_GIVEN = "NOT_GIVEN";

    private FunderCounts() {}

    public static List<List<Object>> of(ProgramOutcomes.Facts facts, Period period, Suppression suppression) {
        Map<String, List<CaseFact>> byAgency =
                new TreeMap<>(facts.cases().stream().collect(Collectors.groupingBy(CaseFact::agencyId)));
        Set<String> sheltered = facts.referrals().stream()
                .filter(referral -> ReferralFact.ACCEPTED.equals(referral.outcome()))
                .map(ReferralFact::caseId)
                .collect(Collectors.toSet());
        Set<String> helped = facts.tasks().stream()
                .filter(task -> !"OFFICER".equals(task.assigneeRole())
                        && task.completedAt() != null
                        && period.contains(task.completedAt()))
                .map(TaskFact::caseId)
                .collect(Collectors.toSet());
        Figures figures = new Figures(suppression);
        byAgency.forEach((agency, cases) -> {
            figures.about(agency);
            Map<String, Long> served = Figures.zeroes(List.of("NEW", "CONTINUING"));
            cases.forEach(fact -> served.merge(period.contains(fact.openedAt()) ? "NEW" : "CONTINUING", 1L, Long::sum));

            List<ScreenFact> screens = new ArrayList<>();
            cases.forEach(fact -> {
                ScreenFact screen = facts.screensByIntake().get(fact.intakeId());
                if (screen != null) {
                    screens.add(screen);
                }
            });
            Set<String> languages = new TreeSet<>();
            screens.forEach(screen -> languages.add(language(screen)));
            List<String> order = new ArrayList<>(languages);
            if (order.remove(NOT_GIVEN)) {
                order.add(NOT_GIVEN);
            }
            Map<String, Long> byLanguage = Figures.zeroes(order);
            screens.forEach(screen -> byLanguage.merge(language(screen), 1L, Long::sum));
            // a case whose intake never arrived is a survivor whose language nobody gave
            if (cases.size() > screens.size()) {
                byLanguage.merge(NOT_GIVEN, (long) (cases.size() - screens.size()), Long::sum);
            }
            Map<String, Map<String, Long>> survivors = new LinkedHashMap<>();
            survivors.put("newOrContinuing", served);
            survivors.put("preferredLanguage", byLanguage);
            figures.breakdowns("survivorsServed", survivors);
            figures.count(
                    "childrenInHouseholds",
                    Figures.ALL,
                    Figures.TOTAL,
                    screens.stream().mapToLong(ScreenFact::children).sum());
            figures.count(
                    "services",
                    Figures.ALL,
                    "SHELTER",
                    cases.stream()
                            .filter(fact -> sheltered.contains(fact.caseId()))
                            .count());
            figures.count(
                    "services",
                    Figures.ALL,
                    "NON_SHELTER",
                    cases.stream()
                            .filter(fact -> helped.contains(fact.caseId()))
                            .count());
            figures.count(
                    "hotlineContacts",
                    Figures.ALL,
                    Figures.TOTAL,
                    screens.stream()
                            .filter(screen -> screen.victimSpokeWithHotline() && period.contains(screen.submittedAt()))
                            .count());
        });
        return figures.lines();
    }

    private static String language(ScreenFact screen) {
        String language = screen.preferredLanguage();
        return language == null || language.isBlank()
                ? NOT_GIVEN
                : language.strip().toLowerCase(Locale.ROOT);
    }
}
