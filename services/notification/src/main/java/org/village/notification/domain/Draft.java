package org.village.notification.domain;

import org.jspecify.annotations.Nullable;
import org.village.events.Priority;

/**
 * A notification to create: to whom, what kind, how urgent, its words (never survivor data), the case and the
 * agency it belongs to, and what it is about (a task, referral, order or the case), so that it can be settled.
 */
public record Draft(
        Recipient recipient,
        NotificationKind kind,
        Priority priority,
        String title,
        String body,
        @Nullable String caseId,
        @Nullable String agencyId,
        @Nullable String about) {

    /** URGENT and HIGH notifications must be acknowledged (D5). */
    public boolean requiresAck() {
        return priority == Priority.URGENT || priority == Priority.HIGH;
    }
}
