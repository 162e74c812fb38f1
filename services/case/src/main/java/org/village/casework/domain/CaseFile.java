package org.village.casework.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.village.events.DangerLevel;

/** A case as advocates and supervisors work it: who, how dangerous, what is due, and what happened. */
public record CaseFile(
        String caseId,
        String intakeId,
        String agencyId,
        String departmentId,
        String officerId,
        DangerLevel dangerLevel,
        CaseStatus status,
        String advocate,
        Instant openedAt,
        List<Task> tasks,
        List<TimelineEntry> timeline,
        int pendingReferrals) {

    public CaseFile {
        tasks = List.copyOf(tasks);
        timeline = List.copyOf(timeline);
    }

    /** The earliest due time of the tasks still open. */
    public Instant nextDueAt() {
        return tasks.stream().filter(t -> t.status() == TaskStatus.OPEN).map(Task::dueAt)
                .min(Comparator.naturalOrder()).orElse(null);
    }

    public long overdueTasks(Instant now) {
        return tasks.stream().filter(t -> t.statusAt(now) == TaskStatus.OVERDUE).count();
    }

    public long dueBy(Instant end) {
        return tasks.stream().filter(t -> t.status() == TaskStatus.OPEN && !t.dueAt().isAfter(end)).count();
    }
}
