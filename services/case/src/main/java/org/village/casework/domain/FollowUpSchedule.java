package org.village.casework.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.village.events.DangerLevel;
import org.village.events.IntakeSubmitted;
import org.village.events.Priority;

/**
 * D1/D2 follow-ups scheduled when a case opens, counted from the intake's time: the advocate's first contact
 * and the officer's welfare check, sooner for HIGH danger; plus an URGENT contact within the hour when a
 * screened-in survivor did not reach the hotline at the scene.
 */
public record FollowUpSchedule(
        Duration highFirstContact,
        Duration standardFirstContact,
        Duration highWelfareCheck,
        Duration standardWelfareCheck,
        Duration urgentContact) {

    public static final FollowUpSchedule DEFAULT = new FollowUpSchedule(
            Duration.ofHours(24), Duration.ofHours(72), Duration.ofHours(72), Duration.ofDays(7), Duration.ofHours(1));

    /**
     * The tasks of a new case. {@code advocate} may be null (no advocate available); the welfare check is
     * scheduled only when a police officer submitted the intake.
     */
    public List<Task> tasksFor(
            String caseId, IntakeSubmitted intake, @Nullable String advocate, boolean submittedByOfficer, Instant now) {
        boolean high = intake.dangerLevel() == DangerLevel.HIGH;
        Priority priority = high ? Priority.HIGH : Priority.NORMAL;
        Instant from = intake.submittedAt();
        List<Task> tasks = new ArrayList<>();
        if (advocate != null) {
            if (intake.screenedIn() && !intake.hotlineContacted()) {
                tasks.add(task(
                        caseId,
                        TaskKinds.CONTACT_SURVIVOR,
                        advocate,
                        "ADVOCATE",
                        from.plus(urgentContact),
                        Priority.URGENT,
                        now,
                        "Screened in without hotline contact: contact the survivor"));
            }
            tasks.add(task(
                    caseId,
                    TaskKinds.ADVOCATE_FIRST_CONTACT,
                    advocate,
                    "ADVOCATE",
                    from.plus(high ? highFirstContact : standardFirstContact),
                    priority,
                    now,
                    null));
        }
        if (submittedByOfficer) {
            tasks.add(task(
                    caseId,
                    TaskKinds.OFFICER_WELFARE_CHECK,
                    intake.officerId(),
                    "OFFICER",
                    from.plus(high ? highWelfareCheck : standardWelfareCheck),
                    priority,
                    now,
                    null));
        }
        return tasks;
    }

    private static Task task(
            String caseId,
            String kind,
            String assignee,
            String role,
            Instant dueAt,
            Priority priority,
            Instant now,
            @Nullable String note) {
        return Task.open(caseId + ":" + kind, kind, assignee, role, dueAt, priority, now, note);
    }
}
