package org.village.casework.domain;

import java.time.Instant;
import org.village.events.Priority;
import org.village.events.TaskScheduled;

/** Something someone must do on a case by a due time. */
public record Task(
        String taskId,
        String kind,
        String assignee,
        String assigneeRole,
        Instant dueAt,
        Priority priority,
        TaskStatus status,
        Instant createdAt,
        String note) {

    /** The status a reader sees: an open task past its due time is OVERDUE. */
    public TaskStatus statusAt(Instant now) {
        return status == TaskStatus.OPEN && dueAt.isBefore(now) ? TaskStatus.OVERDUE : status;
    }

    public TaskScheduled scheduled(String caseId) {
        return new TaskScheduled(taskId, caseId, kind, assignee, assigneeRole, dueAt, priority);
    }
}
