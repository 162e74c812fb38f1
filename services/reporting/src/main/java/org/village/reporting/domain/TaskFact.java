package org.village.reporting.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One task of a case: its kind, whose role does it, when it is due, and when it was done, late or cancelled. */
public record TaskFact(
        String taskId,
        String caseId,
        String kind,
        String assigneeRole,
        Instant dueAt,
        @Nullable Instant completedAt,
        @Nullable Instant overdueAt,
        @Nullable Instant cancelledAt) {

    public boolean doneOnTime() {
        return completedAt != null && !completedAt.isAfter(dueAt);
    }

    public boolean doneLate() {
        return completedAt != null && completedAt.isAfter(dueAt);
    }

    public boolean stillOpen() {
        return completedAt == null && cancelledAt == null;
    }
}
