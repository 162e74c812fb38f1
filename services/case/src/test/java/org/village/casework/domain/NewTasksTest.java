package org.village.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.village.events.DangerLevel;
import org.village.events.Priority;

/** D2: a task added by hand is due in the future, carried by someone of the case, and as urgent as it is due. */
class NewTasksTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final AgencyStaff BRIDGES =
            new AgencyStaff("bridges", List.of("advocate.avery", "advocate.blake"), List.of("supervisor.sam"));

    private static CaseFile caseOf(DangerLevel danger) {
        return CaseFile.opened(
                "c",
                "i",
                "bridges",
                "riverside-pd",
                "officer.reyes",
                danger,
                "advocate.avery",
                NOW,
                List.of(),
                List.of());
    }

    private static Task plan(CaseFile file, String assignee, Duration dueIn) {
        return NewTasks.plan(file, BRIDGES, "c:t", "SAFETY_PLAN_REVIEW", assignee, NOW.plus(dueIn), NOW, null);
    }

    @Test
    void aTaskDueWithinTheHourIsUrgentElseHighForAHighDangerCaseAndNormalOtherwise() {
        assertThat(plan(caseOf(DangerLevel.STANDARD), "advocate.blake", Duration.ofMinutes(59))
                        .priority())
                .isEqualTo(Priority.URGENT);
        assertThat(plan(caseOf(DangerLevel.HIGH), "advocate.blake", Duration.ofHours(2))
                        .priority())
                .isEqualTo(Priority.HIGH);
        assertThat(plan(caseOf(DangerLevel.STANDARD), "advocate.blake", Duration.ofHours(2))
                        .priority())
                .isEqualTo(Priority.NORMAL);
    }

    @Test
    void theAssigneesRoleIsTheirsOnTheCase() {
        assertThat(plan(caseOf(DangerLevel.HIGH), "officer.reyes", Duration.ofDays(1))
                        .assigneeRole())
                .isEqualTo("OFFICER");
        assertThat(plan(caseOf(DangerLevel.HIGH), "supervisor.sam", Duration.ofDays(1))
                        .assigneeRole())
                .isEqualTo("SUPERVISOR");
        assertThat(plan(caseOf(DangerLevel.HIGH), "advocate.blake", Duration.ofDays(1))
                        .assigneeRole())
                .isEqualTo("ADVOCATE");
    }

    @Test
    void aTaskDueNowOrForSomeoneOutsideTheCaseIsRefusedNamingTheField() {
        assertThatThrownBy(() -> plan(caseOf(DangerLevel.HIGH), "advocate.blake", Duration.ZERO))
                .isInstanceOfSatisfying(
                        CaseRuleViolation.class, v -> assertThat(v.field()).isEqualTo("dueAt"));
        assertThatThrownBy(() -> plan(caseOf(DangerLevel.HIGH), "advocate.casey", Duration.ofDays(1)))
                .isInstanceOfSatisfying(
                        CaseRuleViolation.class, v -> assertThat(v.field()).isEqualTo("assignee"));
        assertThatThrownBy(() -> BRIDGES.requireAdvocate("supervisor.sam"))
                .isInstanceOfSatisfying(
                        CaseRuleViolation.class, v -> assertThat(v.field()).isEqualTo("advocate"));
    }
}
