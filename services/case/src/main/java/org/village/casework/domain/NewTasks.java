package org.village.casework.domain;

import java.time.Duration;
import java.time.Instant;
import org.village.events.DangerLevel;
import org.village.events.Priority;

/**
 * A task added to a case by hand (D2): due in the future, carried by the case's officer or someone of its agency,
 * urgent when due within the hour, else high for a high-danger case and normal otherwise.
 */
public final class NewTasks {

    /** A task due this soon is urgent whatever the case's danger. */
    static final Duration URGENT_WITHIN = Duration.ofHours(1);

    private NewTasks() {}

    /** The new task, or the rule it breaks. */
    public static Task plan(
            CaseFile file,
            AgencyStaff staff,
            String taskId,
            String kind,
            String assignee,
            Instant dueAt,
            Instant now,
            String note) {
        if (!dueAt.isAfter(now)) {
            throw CaseRuleViolation.invalid("dueAt", "{future}");
        }
        String role = staff.roleOn(file, assignee)
                .orElseThrow(() -> CaseRuleViolation.invalid("assignee", "{assignee}", file.agencyId()));
        return Task.open(taskId, kind, assignee, role, dueAt, priority(file, dueAt, now), now, note);
    }

    static Priority priority(CaseFile file, Instant dueAt, Instant now) {
        if (!dueAt.isAfter(now.plus(URGENT_WITHIN))) {
            return Priority.URGENT;
        }
        return file.dangerLevel() == DangerLevel.HIGH ? Priority.HIGH : Priority.NORMAL;
    }
}
