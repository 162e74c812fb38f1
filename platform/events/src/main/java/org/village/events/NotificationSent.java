package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A notification was sent to its recipient, the first time or again ({@code sendCount}): every instance of
 * notification-service shows it on the recipient's live streams it serves.
 */
public record NotificationSent(
        String notificationId,
        @Nullable String caseId,
        String recipientId,
        Instant at,
        @Nullable String kind,
        int sendCount)
        implements NotificationEvent {

    public NotificationSent {
        present(notificationId, "notificationId");
        present(recipientId, "recipientId");
        present(at, "at");
    }
}
