package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Someone acknowledged a notification; {@code kind} says what it was about (optional). */
public record NotificationAcknowledged(
        String notificationId,
        @Nullable String caseId,
        String recipientId,
        Instant at,
        @Nullable String kind) implements NotificationEvent {

    public NotificationAcknowledged {
        present(notificationId, "notificationId");
        present(recipientId, "recipientId");
        present(at, "at");
    }
}
