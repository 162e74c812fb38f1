package org.village.notification.domain;

import org.village.events.Priority;

/** A notification to create: to whom, what kind, how urgent, and its words (never survivor data). */
public record Draft(String recipient, NotificationKind kind, Priority priority, String title, String body,
                    String caseId) {

    /** URGENT and HIGH notifications must be acknowledged (D5). */
    public boolean requiresAck() {
        return priority == Priority.URGENT || priority == Priority.HIGH;
    }
}
