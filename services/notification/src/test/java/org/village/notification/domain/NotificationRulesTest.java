package org.village.notification.domain;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.village.events.AdvocateAssigned;
import org.village.events.DangerLevel;
import org.village.events.Priority;
import org.village.events.TaskScheduled;

import static org.assertj.core.api.Assertions.assertThat;

/** D5 routing of case events. */
class NotificationRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final CaseRef HIGH = new CaseRef("case-1", "intake-1", "bridges", "officer.reyes", DangerLevel.HIGH);
    private static final CaseRef STANDARD =
            new CaseRef("case-2", "intake-2", "bridges", "officer.reyes", DangerLevel.STANDARD);

    @Test
    void caseAssignedIsUrgentForTheAdvocateOfAHighDangerCase() {
        Draft assigned = NotificationRules.advocateAssigned(
                new AdvocateAssigned("case-1", "advocate.avery", null, NOW), HIGH).get(0);

        assertThat(assigned.recipient()).isEqualTo("advocate.avery");
        assertThat(assigned.kind()).isEqualTo(NotificationKind.CASE_ASSIGNED);
        assertThat(assigned.priority()).isEqualTo(Priority.URGENT);
        assertThat(assigned.requiresAck()).isTrue();
    }

    @Test
    void caseAssignedIsHighForAStandardCase() {
        assertThat(NotificationRules.advocateAssigned(new AdvocateAssigned("case-2", "advocate.avery", null, NOW),
                STANDARD).get(0).priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void theSubmittingOfficerLearnsTheAdvocatesNameWithoutCaseDetails() {
        List<Draft> drafts = NotificationRules.advocateAssigned(
                new AdvocateAssigned("case-1", "advocate.avery", null, NOW), HIGH);

        Draft opened = drafts.get(1);
        assertThat(opened.recipient()).isEqualTo("officer.reyes");
        assertThat(opened.kind()).isEqualTo(NotificationKind.CASE_OPENED);
        assertThat(opened.priority()).isEqualTo(Priority.NORMAL);
        assertThat(opened.requiresAck()).isFalse();
        assertThat(opened.body()).contains("advocate.avery").doesNotContain("HIGH");
    }

    @Test
    void aReassignmentDoesNotTellTheOfficerAgain() {
        assertThat(NotificationRules.advocateAssigned(
                new AdvocateAssigned("case-1", "advocate.blake", "advocate.avery", NOW), HIGH))
                .extracting(Draft::kind).containsExactly(NotificationKind.CASE_ASSIGNED);
    }

    @Test
    void taskScheduledIsNormalForTheAssignee() {
        Draft draft = NotificationRules.taskScheduled(new TaskScheduled("t", "case-1", "OFFICER_WELFARE_CHECK",
                "officer.reyes", "OFFICER", NOW.plusSeconds(72 * 3600), Priority.HIGH), NOW);

        assertThat(draft.recipient()).isEqualTo("officer.reyes");
        assertThat(draft.priority()).isEqualTo(Priority.NORMAL);
        assertThat(draft.title()).startsWith("Officer welfare check");
    }

    @Test
    void taskScheduledIsUrgentForATaskDueWithinOneHour() {
        assertThat(NotificationRules.taskScheduled(new TaskScheduled("t", "case-1", "CONTACT_SURVIVOR",
                "advocate.avery", "ADVOCATE", NOW.plusSeconds(3600), Priority.URGENT), NOW).priority())
                .isEqualTo(Priority.URGENT);
    }
}
