package org.village.events;

import java.time.Instant;

import static org.village.events.Require.present;

/** Someone acknowledged a notification; {@code kind} says what it was about (optional). */
public record NotificationAcknowledged(String notificationId, String caseId, String recipientId, Instant at, String kind)
        implements NotificationEvent {

    public NotificationAcknowledged {
        present(notificationId, "notificationId");
        present(recipientId, "recipientId");
        present(at, "at");
    }
}
