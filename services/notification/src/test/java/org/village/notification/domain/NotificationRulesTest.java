package org.village.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.village.notification.domain.NotificationKind.CASE_ASSIGNED;
import static org.village.notification.domain.NotificationKind.CASE_CLOSED;
import static org.village.notification.domain.NotificationKind.CASE_OPENED;
import static org.village.notification.domain.NotificationKind.ESCALATION;
import static org.village.notification.domain.NotificationKind.PROTECTIVE_ORDER_EXPIRING;
import static org.village.notification.domain.NotificationKind.REFERRAL_ANSWERED;
import static org.village.notification.domain.NotificationKind.REFERRAL_EXPIRED;
import static org.village.notification.domain.NotificationKind.REFERRAL_RECEIVED;
import static org.village.notification.domain.NotificationKind.REFERRAL_UNANSWERED;
import static org.village.notification.domain.NotificationKind.TASK_OVERDUE;
import static org.village.notification.domain.NotificationKind.TASK_SCHEDULED;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseClosed;
import org.village.events.DangerLevel;
import org.village.events.EventCatalog;
import org.village.events.NotificationEscalated;
import org.village.events.Priority;
import org.village.events.ProtectiveOrderExpiring;
import org.village.events.ReferralAccepted;
import org.village.events.ReferralDeclined;
import org.village.events.ReferralExpired;
import org.village.events.ReferralRequested;
import org.village.events.ReferralUnanswered;
import org.village.events.TaskOverdue;
import org.village.events.TaskScheduled;
import org.village.events.VillageEvent;
import org.village.testing.SampleEvents;

/** D5 routing, one test per row of the table, and the rights of whoever reads the words. */
class NotificationRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Directory DIRECTORY = new Directory() {
        private final Map<String, List<String>> supervisors = Map.of("bridges", List.of("supervisor.sam"));
        private final Map<String, List<String>> staff =
                Map.of("harbor-house", List.of("shelter.harbor"), "safe-haven", List.of("shelter.haven"));

        @Override
        public List<String> supervisorsOf(String org) {
            return org == null ? List.of() : supervisors.getOrDefault(org, List.of());
        }

        @Override
        public List<String> staffOf(String shelterId) {
            return shelterId == null ? List.of() : staff.getOrDefault(shelterId, List.of());
        }
    };
    private static final CaseRef HIGH_CASE = new CaseRef(
            "case-1", "intake-1", "bridges", "riverside-pd", "officer.reyes", DangerLevel.HIGH, "advocate.avery");
    private static final CaseRef STANDARD_CASE = new CaseRef(
            "case-1", "intake-1", "bridges", "riverside-pd", "officer.reyes", DangerLevel.STANDARD, "advocate.avery");
    private static final ReferralRef REFERRAL =
            new ReferralRef("r-1", "case-1", "harbor-house", "advocate.avery", DangerLevel.HIGH);

    private static Facts facts(CaseRef ref) {
        return Facts.of(ref, null, DIRECTORY, NOW);
    }

    private static Facts referralFacts(CaseRef ref) {
        return Facts.of(ref, REFERRAL, DIRECTORY, NOW);
    }

    private static List<Draft> route(VillageEvent event, Facts facts) {
        return NotificationRules.route(event, facts);
    }

    private static Draft only(List<Draft> drafts, NotificationKind kind, String recipient) {
        List<Draft> matching = drafts.stream()
                .filter(d -> d.kind() == kind && d.recipient().userId().equals(recipient))
                .toList();
        assertThat(matching).as(kind + " to " + recipient).hasSize(1);
        return matching.get(0);
    }

    @Test
    void d5CaseAssignedIsUrgentForTheAdvocateOfAHighDangerCase() {
        Draft assigned = only(
                route(new AdvocateAssigned("case-1", "advocate.avery", null, NOW), facts(HIGH_CASE)),
                CASE_ASSIGNED,
                "advocate.avery");

        assertThat(assigned.priority()).isEqualTo(Priority.URGENT);
        assertThat(assigned.requiresAck()).isTrue();
        assertThat(assigned.recipient().audience()).isEqualTo(Audience.ADVOCATE);
    }

    @Test
    void d5CaseAssignedIsHighForAnyOtherCase() {
        assertThat(only(
                                route(
                                        new AdvocateAssigned("case-1", "advocate.avery", null, NOW),
                                        facts(STANDARD_CASE)),
                                CASE_ASSIGNED,
                                "advocate.avery")
                        .priority())
                .isEqualTo(Priority.HIGH);
    }

    @Test
    void d5CaseOpenedTellsTheSubmittingOfficerTheAdvocatesNameWithoutCaseDetails() {
        Draft opened = only(
                route(new AdvocateAssigned("case-1", "advocate.avery", null, NOW), facts(HIGH_CASE)),
                CASE_OPENED,
                "officer.reyes");

        assertThat(opened.priority()).isEqualTo(Priority.NORMAL);
        assertThat(opened.requiresAck()).isFalse();
        assertThat(opened.recipient().audience()).isEqualTo(Audience.OFFICER);
        assertThat(opened.recipient().org()).isEqualTo("riverside-pd");
        assertThat(opened.body()).contains("advocate.avery").doesNotContain("HIGH");
    }

    @Test
    void aReassignmentTellsTheNewAdvocateOnlyNotTheOfficerAgain() {
        List<Draft> drafts =
                route(new AdvocateAssigned("case-1", "advocate.blake", "advocate.avery", NOW), facts(HIGH_CASE));

        assertThat(drafts).extracting(Draft::kind).containsExactly(CASE_ASSIGNED);
        assertThat(drafts.get(0).title()).isEqualTo("Case reassigned to you");
    }

    @Test
    void d5TaskScheduledIsNormalForTheAssignee() {
        Draft draft = only(
                route(
                        new TaskScheduled(
                                "t",
                                "case-1",
                                "OFFICER_WELFARE_CHECK",
                                "officer.reyes",
                                "OFFICER",
                                NOW.plus(Duration.ofDays(3)),
                                Priority.HIGH),
                        facts(HIGH_CASE)),
                TASK_SCHEDULED,
                "officer.reyes");

        assertThat(draft.priority()).isEqualTo(Priority.NORMAL);
        assertThat(draft.recipient().audience()).isEqualTo(Audience.OFFICER);
        assertThat(draft.title()).startsWith("Officer welfare check");
        assertThat(draft.about()).isEqualTo("t");
    }

    @Test
    void d5TaskScheduledIsUrgentForATaskDueWithinOneHour() {
        assertThat(only(
                                route(
                                        new TaskScheduled(
                                                "t",
                                                "case-1",
                                                "CONTACT_SURVIVOR",
                                                "advocate.avery",
                                                "ADVOCATE",
                                                NOW.plus(Duration.ofHours(1)),
                                                Priority.URGENT),
                                        facts(HIGH_CASE)),
                                TASK_SCHEDULED,
                                "advocate.avery")
                        .priority())
                .isEqualTo(Priority.URGENT);
    }

    @Test
    void d5TaskOverdueTellsTheAssigneeAndTheAgencySupervisorUrgentlyForAHighDangerCase() {
        List<Draft> drafts = route(new TaskOverdue("t", "case-1", "advocate.avery", NOW), facts(HIGH_CASE));

        assertThat(only(drafts, TASK_OVERDUE, "advocate.avery").priority()).isEqualTo(Priority.URGENT);
        Draft supervisor = only(drafts, TASK_OVERDUE, "supervisor.sam");
        assertThat(supervisor.priority()).isEqualTo(Priority.URGENT);
        assertThat(supervisor.body()).contains("advocate.avery");
    }

    @Test
    void d5TaskOverdueIsHighForAnyOtherCase() {
        assertThat(route(new TaskOverdue("t", "case-1", "officer.reyes", NOW), facts(STANDARD_CASE)))
                .allSatisfy(d -> assertThat(d.priority()).isEqualTo(Priority.HIGH))
                .extracting(d -> d.recipient().userId() + "/" + d.recipient().audience())
                .containsExactly("officer.reyes/OFFICER", "supervisor.sam/SUPERVISOR");
    }

    @Test
    void d5ReferralReceivedTellsTheShelterStaffUrgentlyForAHighDangerCase() {
        ReferralRequested requested = new ReferralRequested(
                "r-1", "case-1", "harbor-house", "advocate.avery", 2, DangerLevel.HIGH, NOW.plus(Duration.ofHours(4)));
        Draft received = only(route(requested, referralFacts(HIGH_CASE)), REFERRAL_RECEIVED, "shelter.harbor");

        assertThat(received.priority()).isEqualTo(Priority.URGENT);
        assertThat(received.recipient())
                .isEqualTo(new Recipient("shelter.harbor", Audience.SHELTER_STAFF, "harbor-house"));
        assertThat(received.about()).isEqualTo("r-1");
    }

    @Test
    void d5ReferralReceivedIsHighForAnyOtherCase() {
        ReferralRequested requested = new ReferralRequested(
                "r-1",
                "case-1",
                "safe-haven",
                "advocate.avery",
                1,
                DangerLevel.STANDARD,
                NOW.plus(Duration.ofHours(4)));
        Facts standard = Facts.of(
                STANDARD_CASE,
                new ReferralRef("r-1", "case-1", "safe-haven", "advocate.avery", DangerLevel.STANDARD),
                DIRECTORY,
                NOW);

        assertThat(only(route(requested, standard), REFERRAL_RECEIVED, "shelter.haven")
                        .priority())
                .isEqualTo(Priority.HIGH);
    }

    @Test
    void d5ReferralAnsweredTellsTheReferringAdvocateWhetherAcceptedOrDeclined() {
        Draft accepted = only(
                route(new ReferralAccepted("r-1", "case-1", "harbor-house", NOW, null), referralFacts(HIGH_CASE)),
                REFERRAL_ANSWERED,
                "advocate.avery");
        Draft declined = only(
                route(
                        new ReferralDeclined("r-1", "case-1", "harbor-house", NOW, "NO_CAPACITY"),
                        referralFacts(HIGH_CASE)),
                REFERRAL_ANSWERED,
                "advocate.avery");

        assertThat(accepted.priority()).isEqualTo(Priority.HIGH);
        assertThat(accepted.title()).contains("accepted");
        assertThat(declined.priority()).isEqualTo(Priority.HIGH);
        assertThat(declined.body()).contains("NO_CAPACITY");
    }

    @Test
    void aReassignedCasesReferralAnswerGoesToTheAdvocateWhoWorksItNow() {
        CaseRef reassigned = new CaseRef(
                "case-1", "intake-1", "bridges", "riverside-pd", "officer.reyes", DangerLevel.HIGH, "advocate.blake");

        List<Draft> answered =
                route(new ReferralAccepted("r-1", "case-1", "harbor-house", NOW, null), referralFacts(reassigned));
        only(answered, REFERRAL_ANSWERED, "advocate.blake");
        assertThat(answered)
                .as("the advocate who made it no longer works the case")
                .hasSize(1);
        only(
                route(new ReferralExpired("r-1", "case-1", "harbor-house", NOW, null), referralFacts(reassigned)),
                REFERRAL_EXPIRED,
                "advocate.blake");
    }

    @Test
    void d5ReferralUnansweredTellsTheReferringAdvocateAtTheSecondStage() {
        ReferralUnanswered told = new ReferralUnanswered(
                "r-1", "case-1", "harbor-house", "advocate.avery", "ADVOCATE_TOLD", NOW.plus(Duration.ofHours(2)), NOW);
        ReferralUnanswered reminded = new ReferralUnanswered(
                "r-1",
                "case-1",
                "harbor-house",
                "advocate.avery",
                "SHELTER_REMINDED",
                NOW.plus(Duration.ofHours(3)),
                NOW);

        assertThat(only(route(told, referralFacts(HIGH_CASE)), REFERRAL_UNANSWERED, "advocate.avery")
                        .priority())
                .isEqualTo(Priority.HIGH);
        assertThat(route(reminded, referralFacts(HIGH_CASE)))
                .as("the shelter's own notification is re-sent instead")
                .isEmpty();
    }

    @Test
    void d5ReferralExpiredTellsTheReferringAdvocate() {
        assertThat(only(
                                route(
                                        new ReferralExpired("r-1", "case-1", "harbor-house", NOW, null),
                                        referralFacts(HIGH_CASE)),
                                REFERRAL_EXPIRED,
                                "advocate.avery")
                        .priority())
                .isEqualTo(Priority.HIGH);
    }

    @Test
    void d5ProtectiveOrderExpiringTellsTheAdvocateAndTheOfficerFollowUpAssignee() {
        List<Draft> drafts = route(
                new ProtectiveOrderExpiring(
                        "case-1", "order-1", NOW.plus(Duration.ofDays(5)), "advocate.avery", "officer.chen"),
                facts(HIGH_CASE));

        assertThat(only(drafts, PROTECTIVE_ORDER_EXPIRING, "advocate.avery").priority())
                .isEqualTo(Priority.HIGH);
        Draft officer = only(drafts, PROTECTIVE_ORDER_EXPIRING, "officer.chen");
        assertThat(officer.priority()).isEqualTo(Priority.HIGH);
        assertThat(officer.recipient().audience()).isEqualTo(Audience.OFFICER);
    }

    @Test
    void d5CaseClosedTellsTheAdvocateAndTheSubmittingOfficerWithoutTheReasonForTheOfficer() {
        List<Draft> drafts = route(new CaseClosed("case-1", NOW, "SAFE_AND_STABLE"), facts(HIGH_CASE));

        assertThat(only(drafts, CASE_CLOSED, "advocate.avery").body()).contains("SAFE_AND_STABLE");
        Draft officer = only(drafts, CASE_CLOSED, "officer.reyes");
        assertThat(officer.priority()).isEqualTo(Priority.NORMAL);
        assertThat(officer.body()).doesNotContain("SAFE_AND_STABLE");
    }

    @Test
    void d5EscalationTellsTheSupervisorUrgently() {
        Draft escalation = only(
                route(
                        new NotificationEscalated(
                                "n-1", "case-1", "advocate.avery", NOW, "TASK_OVERDUE", "supervisor.sam", 5),
                        facts(HIGH_CASE)),
                ESCALATION,
                "supervisor.sam");

        assertThat(escalation.priority()).isEqualTo(Priority.URGENT);
        assertThat(escalation.title()).contains("TASK_OVERDUE").contains("advocate.avery");
        assertThat(escalation.about()).isEqualTo("n-1");
    }

    @Test
    void everyEventTypeOfTheCatalogHasARowAndARowThatTellsNobodySaysWhy() {
        EventCatalog.all()
                .forEach(type -> assertThat(NotificationRules.rowsFor(type))
                        .as(type.type())
                        .isNotEmpty());
        NotificationRules.TABLE.stream()
                .filter(rule -> !rule.tellsSomeone())
                .forEach(rule ->
                        assertThat(rule.nobodyBecause()).as(rule.on().type()).isNotBlank());
    }

    @Test
    void unknownCasesAndPeopleMeanFewerRecipientsNeverAFailure() {
        Facts nothingKnown = Facts.of(null, null, DIRECTORY, NOW);
        for (VillageEvent event : SampleEvents.all()) {
            assertThat(route(event, nothingKnown))
                    .allSatisfy(d -> assertThat(d.recipient().userId()).isNotBlank());
        }
        assertThat(route(
                        new ReferralRequested(
                                "r-9",
                                "case-9",
                                "unknown-shelter",
                                "advocate.avery",
                                1,
                                DangerLevel.HIGH,
                                NOW.plusSeconds(60)),
                        nothingKnown))
                .isEmpty();
    }

    @Test
    void anOfficerNeverReadsOfAShelterOrOfWhatTheSurvivorSharedWithTheAdvocate() {
        List<String> forbidden = List.of(
                "harbor-house",
                "safe-haven",
                "shelter",
                "Shelter",
                "referral",
                "Referral",
                "consent",
                "SAFE_AND_STABLE",
                "NO_CAPACITY",
                "CONSENT_REVOKED",
                "FIRST_NAME",
                "NEEDS");
        List<VillageEvent> events = new ArrayList<>(SampleEvents.all());
        events.add(new TaskOverdue("task-2", "case-1", "officer.reyes", NOW));
        List<Draft> toOfficers = events.stream()
                .flatMap(event -> route(event, referralFacts(HIGH_CASE)).stream())
                .filter(d -> d.recipient().audience() == Audience.OFFICER)
                .toList();

        assertThat(toOfficers)
                .extracting(Draft::kind)
                .contains(CASE_OPENED, TASK_OVERDUE, PROTECTIVE_ORDER_EXPIRING, CASE_CLOSED);
        for (Draft draft : toOfficers) {
            for (String word : forbidden) {
                assertThat(draft.title() + " " + draft.body())
                        .as(draft.kind() + " to an officer")
                        .doesNotContain(word);
            }
        }
    }

    @Test
    void d5UrgentIsResentEveryFifteenMinutesFourTimesThenEscalated() {
        ResendPolicy urgent = ResendPolicy.ByPriority.D5.of(Priority.URGENT);

        assertThat(urgent.nextAction(NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        for (int sendCount = 1; sendCount <= 4; sendCount++) {
            assertThat(urgent.next(TASK_OVERDUE, sendCount)).isEqualTo(ResendPolicy.Step.RESEND);
        }
        assertThat(urgent.next(TASK_OVERDUE, 5)).isEqualTo(ResendPolicy.Step.ESCALATE);
        assertThat(urgent.next(ESCALATION, 5))
                .as("an escalation is not escalated again")
                .isEqualTo(ResendPolicy.Step.STOP);
    }

    @Test
    void d5HighIsResentOnceAfterAnHourThenEscalated() {
        ResendPolicy high = ResendPolicy.ByPriority.D5.of(Priority.HIGH);

        assertThat(high.nextAction(NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(high.next(CASE_ASSIGNED, 1)).isEqualTo(ResendPolicy.Step.RESEND);
        assertThat(high.next(CASE_ASSIGNED, 2)).isEqualTo(ResendPolicy.Step.ESCALATE);
        assertThat(ResendPolicy.ByPriority.D5.of(Priority.NORMAL))
                .as("NORMAL is never re-sent")
                .isNull();
    }
}
