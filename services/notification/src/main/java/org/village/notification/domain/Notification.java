package org.village.notification.domain;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
        @Nullable String caseId,
        @Nullable String agencyId,
        @Nullable String about,
        Instant createdAt,
        @Nullable Instant lastSentAt,
        @Nullable Instant acknowledgedAt,
        boolean requiresAck,
        int sendCount,
        @Nullable Instant nextActionAt,
        @Nullable Instant escalatedAt,
        @Nullable Instant settledAt,
        Map<String, Delivery> deliveries,
        String sourceEventId) {

    public boolean unread() {
        return acknowledgedAt == null;
    }
}
