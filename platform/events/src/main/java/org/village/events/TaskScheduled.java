package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;

/** A task (a follow-up, a contact, a welfare check) was scheduled for someone on a case. */
public record TaskScheduled(
        String taskId,
        String caseId,
        String kind,
        String assigneeId,
        String assigneeRole,
        Instant dueAt,
        Priority priority)
        implements CaseEvent {

    public TaskScheduled {
        present(taskId, "taskId");
        present(caseId, "caseId");
        present(kind, "kind");
        present(assigneeId, "assigneeId");
        present(assigneeRole, "assigneeRole");
        present(dueAt, "dueAt");
        present(priority, "priority");
    }

    @Override
    public String subject() {
        return taskId;
    }
}
