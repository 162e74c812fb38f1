package org.village.reporting.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.village.events.DangerLevel;
import org.village.events.Vocabulary;

/**
 * What an advocacy agency did in a period, per agency: cases opened (by danger level) and closed (by danger level
 * and by reason); the first contact with each survivor whose case opened in the period (in time, late, not made,
 * and the median and 90th percentile of the hours it took against the hours allowed); advocates' tasks due in the
 * period (done on time, late, cancelled, still open; how many went overdue; how many notices about them were
 * escalated to a supervisor); referrals sent (by outcome, declines by reason, and the median hours to a shelter's
 * answer); and notifications about the agency's cases (acknowledged before or after being escalated, or not).
 */
public final class ProgramOutcomes {

    public static final List<String> COLUMNS = Figures.columns("agency");

    /** The roles whose tasks are the agency's follow-ups (an officer's welfare check is the police's). */
    private static final Set<String> AGENCY_ROLES = Set.of("ADVOCATE", "SUPERVISOR");

    private ProgramOutcomes() {}

    /** The facts a report reads, for the cases served in its period. */
    public record Facts(
            List<CaseFact> cases,
            Map<String, ScreenFact> screensByIntake,
            List<TaskFact> tasks,
            List<ReferralFact> referrals,
            List<NotificationFact> notifications,
            List<NotificationFact> escalations) {}

    public static List<List<Object>> of(Facts facts, Period period, Suppression suppression) {
        Map<String, List<CaseFact>> byAgency =
                new TreeMap<>(facts.cases().stream().collect(Collectors.groupingBy(CaseFact::agencyId)));
        Figures figures = new Figures(suppression);
        byAgency.forEach((agency, cases) -> {
            Set<String> ids = cases.stream().map(CaseFact::caseId).collect(Collectors.toSet());
            figures.about(agency);
            cases(figures, cases, period);
            firstContact(figures, cases, facts, period);
            followUps(figures, facts, ids, period);
            referrals(
                    figures,
                    facts.referrals().stream()
                            .filter(referral -> ids.contains(referral.caseId()))
                            .toList());
            notifications(
                    figures,
                    facts.notifications().stream()
                            .filter(notification -> ids.contains(notification.caseId()))
                            .toList());
        });
        return figures.lines();
    }

    private static void cases(Figures figures, List<CaseFact> cases, Period period) {
        Map<String, Long> opened = Figures.zeroes(dangerLevels());
        cases.stream()
                .filter(fact -> period.contains(fact.openedAt()))
                .forEach(fact -> opened.merge(fact.dangerLevel(), 1L, Long::sum));
        figures.breakdown("casesOpened", "dangerLevel", opened);

        Map<String, Long> byDanger = Figures.zeroes(dangerLevels());
        Map<String, Long> byReason = Figures.zeroes(Vocabulary.CLOSURE_REASONS);
        cases.stream().filter(fact -> fact.closedIn(period)).forEach(fact -> {
            byDanger.merge(fact.dangerLevel(), 1L, Long::sum);
            byReason.merge(String.valueOf(fact.closureReason()), 1L, Long::sum);
        });
        Map<String, Map<String, Long>> closed = new LinkedHashMap<>();
        closed.put("dangerLevel", byDanger);
        closed.put("closureReason", byReason);
        figures.breakdowns("casesClosed", closed);
    }

    private static void firstContact(Figures figures, List<CaseFact> cases, Facts facts, Period period) {
        Map<String, CaseFact> openedInPeriod = new LinkedHashMap<>();
        cases.stream()
                .filter(fact -> period.contains(fact.openedAt()))
                .forEach(fact -> openedInPeriod.put(fact.caseId(), fact));
        for (String level : dangerLevels()) {
            Map<String, Long> made = Figures.zeroes(List.of("IN_TIME", "LATE", "NOT_MADE"));
            List<Duration> took = new ArrayList<>();
            List<Duration> allowed = new ArrayList<>();
            for (TaskFact task : facts.tasks()) {
                CaseFact fact = openedInPeriod.get(task.caseId());
                if (fact == null
                        || !fact.dangerLevel().equals(level)
                        || !task.kind().equals(Vocabulary.ADVOCATE_FIRST_CONTACT)) {
                    continue;
                }
                ScreenFact screen = facts.screensByIntake().get(fact.intakeId());
                Instant intakeAt = screen == null ? fact.openedAt() : screen.submittedAt();
                allowed.add(Duration.between(intakeAt, task.dueAt()));
                Instant completedAt = task.completedAt();
                if (completedAt == null) {
                    made.merge("NOT_MADE", 1L, Long::sum);
                } else {
                    made.merge(task.doneOnTime() ? "IN_TIME" : "LATE", 1L, Long::sum);
                    took.add(Duration.between(intakeAt, completedAt));
                }
            }
            figures.breakdown("firstContact", level, made);
            figures.statistic("firstContactHours", level, "median", Figures.medianHours(took), took.size());
            figures.statistic("firstContactHours", level, "p90", Figures.p90Hours(took), took.size());
            figures.statistic(
                    "firstContactHours", level, "allowedMedian", Figures.medianHours(allowed), allowed.size());
        }
    }

    private static void followUps(Figures figures, Facts facts, Set<String> caseIds, Period period) {
        List<TaskFact> due = facts.tasks().stream()
                .filter(task -> caseIds.contains(task.caseId())
                        && AGENCY_ROLES.contains(task.assigneeRole())
                        && period.contains(task.dueAt()))
                .toList();
        Map<String, Long> done = Figures.zeroes(List.of("ON_TIME", "LATE", "CANCELLED", "OPEN"));
        for (TaskFact task : due) {
            String state = task.doneOnTime()
                    ? "ON_TIME"
                    : task.doneLate() ? "LATE" : task.cancelledAt() != null ? "CANCELLED" : "OPEN";
            done.merge(state, 1L, Long::sum);
        }
        figures.breakdown("followUps", "dueInPeriod", done);
        figures.count(
                "followUps",
                "dueInPeriod",
                "WENT_OVERDUE",
                due.stream().filter(task -> task.overdueAt() != null).count());
        figures.count(
                "followUps",
                Figures.ALL,
                "NOTICES_ESCALATED",
                facts.escalations().stream()
                        .filter(notice -> caseIds.contains(notice.caseId())
                                && notice.kind() != null
                                && notice.kind().startsWith("TASK_"))
                        .count());
    }

    private static void referrals(Figures figures, List<ReferralFact> referrals) {
        List<String> categories = new ArrayList<>(List.of(ReferralFact.ACCEPTED));
        Vocabulary.DECLINE_REASONS.forEach(reason -> categories.add(ReferralFact.DECLINED + ":" + reason));
        categories.addAll(List.of(ReferralFact.EXPIRED, ReferralFact.REVOKED, "PENDING"));
        Map<String, Long> outcomes = Figures.zeroes(categories);
        List<Duration> toAnswer = new ArrayList<>();
        for (ReferralFact referral : referrals) {
            outcomes.merge(category(referral), 1L, Long::sum);
            Instant answeredAt = referral.answeredAt();
            if (answeredAt != null) {
                toAnswer.add(Duration.between(referral.requestedAt(), answeredAt));
            }
        }
        figures.breakdown("referrals", "outcome", outcomes);
        figures.statistic("referralAnswerHours", Figures.ALL, "median", Figures.medianHours(toAnswer), toAnswer.size());
    }

    private static String category(ReferralFact referral) {
        String outcome = referral.outcome();
        if (outcome == null) {
            return "PENDING";
        }
        if (outcome.equals(ReferralFact.DECLINED)) {
            String reason = referral.reasonCode();
            return ReferralFact.DECLINED + ":"
                    + (reason != null && Vocabulary.DECLINE_REASONS.contains(reason) ? reason : "OTHER");
        }
        return outcome;
    }

    private static void notifications(Figures figures, List<NotificationFact> notifications) {
        Map<String, Long> acknowledged =
                Figures.zeroes(List.of("BEFORE_ESCALATION", "AFTER_ESCALATION", "NOT_ACKNOWLEDGED"));
        for (NotificationFact notification : notifications) {
            String state = notification.acknowledgedInTime()
                    ? "BEFORE_ESCALATION"
                    : notification.acknowledgedAt() != null ? "AFTER_ESCALATION" : "NOT_ACKNOWLEDGED";
            acknowledged.merge(state, 1L, Long::sum);
        }
        figures.breakdown("notificationsSent", "acknowledged", acknowledged);
    }

    private static List<String> dangerLevels() {
        return Stream.of(DangerLevel.values()).map(Enum::name).toList();
    }
}
