package org.village.reporting.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One notification about a case: what kind, when it was first sent, acknowledged and escalated. */
public record NotificationFact(
        String notificationId,
        String caseId,
        @Nullable String kind,
        Instant sentAt,
        @Nullable Instant acknowledgedAt,
        @Nullable Instant escalatedAt) {

    /** Acknowledged before anyone had to be told it was not. */
    public boolean acknowledgedInTime() {
        return acknowledgedAt != null && (escalatedAt == null || !acknowledgedAt.isAfter(escalatedAt));
    }
}
