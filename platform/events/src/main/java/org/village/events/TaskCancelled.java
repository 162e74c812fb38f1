package org.village.events;

import java.time.Instant;
import java.util.List;

import static org.village.events.Require.present;

/** A task will not be done: its case was closed, or it was withdrawn. */
public record TaskCancelled(String taskId, String caseId, String assigneeId, Instant at) implements CaseEvent {

    public TaskCancelled {
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
