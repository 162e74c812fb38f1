package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;

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
