package org.village.notification.domain;

import java.time.Instant;
import java.util.Map;
import org.village.events.Priority;

/**
 * A notification in someone's inbox. A re-sent reminder is the same notification with a higher send count.
 * {@code nextActionAt} is when the sweep re-sends or escalates it (null once acknowledged, settled or done);
 * {@code deliveries} are its external channels (e-mail, webhooks), keyed by channel.
 */
public record Notification(
        String notificationId,
        Recipient recipient,
        NotificationKind kind,
        Priority priority,
        String title,
        String body,
        String caseId,
        String agencyId,
        String about,
        Instant createdAt,
        Instant lastSentAt,
        Instant acknowledgedAt,
        boolean requiresAck,
        int sendCount,
        Instant nextActionAt,
        Instant escalatedAt,
        Instant settledAt,
        Map<String, Delivery> deliveries,
        String sourceEventId) {

    public boolean unread() {
        return acknowledgedAt == null;
    }
}
