package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;

/** Someone acknowledged a notification; {@code kind} says what it was about (optional). */
public record NotificationAcknowledged(
        String notificationId, String caseId, String recipientId, Instant at, String kind)
        implements NotificationEvent {

    public NotificationAcknowledged {
        present(notificationId, "notificationId");
        present(recipientId, "recipientId");
        present(at, "at");
    }
}
