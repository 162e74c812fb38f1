package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;

/**
 * A notification was sent to its recipient, the first time or again ({@code sendCount}): every instance of
 * notification-service shows it on the recipient's live streams it serves.
 */
public record NotificationSent(
        String notificationId, String caseId, String recipientId, Instant at, String kind, int sendCount)
        implements NotificationEvent {

    public NotificationSent {
        present(notificationId, "notificationId");
        present(recipientId, "recipientId");
        present(at, "at");
    }
}
