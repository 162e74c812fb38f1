package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;

/** A task passed its due time without being done. */
public record TaskOverdue(String taskId, String caseId, String assigneeId, Instant at) implements CaseEvent {

    public TaskOverdue {
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
