package org.village.events;

import java.time.Instant;
import java.util.List;

import static org.village.events.Require.present;

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
