package org.village.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.village.events.DangerLevel;
import org.village.events.IntakeSubmitted;
import org.village.events.Priority;

/** D1/D2 follow-ups scheduled when a case opens. */
class FollowUpScheduleTest {

    private static final Instant SUBMITTED = Instant.parse("2026-11-20T21:30:00Z");
    private static final Instant NOW = SUBMITTED.plusSeconds(5);

    private static IntakeSubmitted intake(DangerLevel level, boolean hotlineContacted) {
        return new IntakeSubmitted(
                "intake-1",
                "riverside-pd",
                "officer.reyes",
                SUBMITTED,
                level,
                level == DangerLevel.HIGH,
                level == DangerLevel.HIGH ? "PROTOCOL_QUESTIONS_1_3" : "NOT_SCREENED_IN",
                hotlineContacted,
                List.of(),
                "es",
                1);
    }

    private static Map<String, Task> byKind(List<Task> tasks) {
        return tasks.stream().collect(Collectors.toMap(Task::kind, Function.identity()));
    }

    @Test
    void highDangerFirstContactIsDueIn24HoursAndWelfareCheckIn72() {
        Map<String, Task> tasks = byKind(FollowUpSchedule.DEFAULT.tasksFor(
                "case-1", intake(DangerLevel.HIGH, true), "advocate.avery", true, NOW));

        assertThat(tasks).containsOnlyKeys(TaskKinds.ADVOCATE_FIRST_CONTACT, TaskKinds.OFFICER_WELFARE_CHECK);
        assertThat(tasks.get(TaskKinds.ADVOCATE_FIRST_CONTACT).dueAt()).isEqualTo(SUBMITTED.plus(Duration.ofHours(24)));
        assertThat(tasks.get(TaskKinds.ADVOCATE_FIRST_CONTACT).assignee()).isEqualTo("advocate.avery");
        assertThat(tasks.get(TaskKinds.OFFICER_WELFARE_CHECK).dueAt()).isEqualTo(SUBMITTED.plus(Duration.ofDays(3)));
        assertThat(tasks.get(TaskKinds.OFFICER_WELFARE_CHECK).assignee()).isEqualTo("officer.reyes");
        assertThat(tasks.get(TaskKinds.OFFICER_WELFARE_CHECK).assigneeRole()).isEqualTo("OFFICER");
    }

    @Test
    void standardDangerFirstContactIsDueIn72HoursAndWelfareCheckIn7Days() {
        Map<String, Task> tasks = byKind(FollowUpSchedule.DEFAULT.tasksFor(
                "case-1", intake(DangerLevel.STANDARD, false), "advocate.avery", true, NOW));

        assertThat(tasks.get(TaskKinds.ADVOCATE_FIRST_CONTACT).dueAt()).isEqualTo(SUBMITTED.plus(Duration.ofDays(3)));
        assertThat(tasks.get(TaskKinds.OFFICER_WELFARE_CHECK).dueAt()).isEqualTo(SUBMITTED.plus(Duration.ofDays(7)));
        assertThat(tasks.get(TaskKinds.ADVOCATE_FIRST_CONTACT).priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void screenedInWithoutHotlineContactAddsAnUrgentContactWithinTheHour() {
        Map<String, Task> tasks = byKind(FollowUpSchedule.DEFAULT.tasksFor(
                "case-1", intake(DangerLevel.HIGH, false), "advocate.avery", true, NOW));

        Task urgent = tasks.get(TaskKinds.CONTACT_SURVIVOR);
        assertThat(urgent.priority()).isEqualTo(Priority.URGENT);
        assertThat(urgent.dueAt()).isEqualTo(SUBMITTED.plus(Duration.ofHours(1)));
        assertThat(urgent.assignee()).isEqualTo("advocate.avery");
    }

    @Test
    void anIntakeRecordedByTheAgencyItselfHasNoWelfareCheck() {
        assertThat(byKind(FollowUpSchedule.DEFAULT.tasksFor(
                        "case-1", intake(DangerLevel.HIGH, true), "advocate.avery", false, NOW)))
                .containsOnlyKeys(TaskKinds.ADVOCATE_FIRST_CONTACT);
    }

    @Test
    void taskIdsAreDerivedFromTheCaseSoAReplayGivesTheSameTasks() {
        List<Task> first = FollowUpSchedule.DEFAULT.tasksFor("case-1", intake(DangerLevel.HIGH, true), "a", true, NOW);
        List<Task> again = FollowUpSchedule.DEFAULT.tasksFor("case-1", intake(DangerLevel.HIGH, true), "a", true, NOW);

        assertThat(again).isEqualTo(first);
    }
}
