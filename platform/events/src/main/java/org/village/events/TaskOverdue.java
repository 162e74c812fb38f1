package org.village.events;

import java.time.Instant;
import java.util.List;

import static org.village.events.Require.present;

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
