package org.village.notification.domain;

import java.time.Instant;
import org.village.events.Priority;

/** A notification in someone's inbox. A re-sent reminder is the same notification with a higher send count. */
public record Notification(
        String notificationId,
        String recipient,
        NotificationKind kind,
        Priority priority,
        String title,
        String body,
        String caseId,
        Instant createdAt,
        Instant acknowledgedAt,
        boolean requiresAck,
        int sendCount,
        String sourceEventId) {
}
