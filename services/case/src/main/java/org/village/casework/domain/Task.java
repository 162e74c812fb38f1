package org.village.casework.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
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
        @Nullable String note,
        @Nullable Instant completedAt,
        @Nullable String outcome) {

    /** A new open task. */
    public static Task open(
            String taskId,
            String kind,
            String assignee,
            String assigneeRole,
            Instant dueAt,
            Priority priority,
            Instant createdAt,
            @Nullable String note) {
        return new Task(
                taskId, kind, assignee, assigneeRole, dueAt, priority, TaskStatus.OPEN, createdAt, note, null, null);
    }

    /** Still to be done: open, or overdue. */
    public boolean isOpen() {
        return status == TaskStatus.OPEN || status == TaskStatus.OVERDUE;
    }

    public Task withStatus(TaskStatus next) {
        return new Task(
                taskId, kind, assignee, assigneeRole, dueAt, priority, next, createdAt, note, completedAt, outcome);
    }

    public Task assignedTo(String other) {
        return new Task(
                taskId, kind, other, assigneeRole, dueAt, priority, status, createdAt, note, completedAt, outcome);
    }

    public Task done(Instant at, @Nullable String result) {
        return new Task(
                taskId, kind, assignee, assigneeRole, dueAt, priority, TaskStatus.DONE, createdAt, note, at, result);
    }

    /** The status a reader sees: an open task past its due time is OVERDUE. */
    public TaskStatus statusAt(Instant now) {
        return status == TaskStatus.OPEN && dueAt.isBefore(now) ? TaskStatus.OVERDUE : status;
    }

    public TaskScheduled scheduled(String caseId) {
        return new TaskScheduled(taskId, caseId, kind, assignee, assigneeRole, dueAt, priority);
    }
}
