package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;

/** A task was done. */
public record TaskCompleted(String taskId, String caseId, String assigneeId, Instant at) implements CaseEvent {

    public TaskCompleted {
        present(taskId, "taskId");
        present(caseId, "caseId");
        present(assigneeId, "assigneeId");
        present(at, "at");
    }

    @Override
    public String subject() {
        return taskId;
    }
}
