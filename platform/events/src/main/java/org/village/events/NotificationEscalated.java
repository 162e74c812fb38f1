package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A notification that required acknowledgment went unacknowledged for as long as D5 allows: {@code supervisorId}
 * was told. {@code kind} is what the unacknowledged notification was about; {@code sendCount} how often it was sent.
 */
public record NotificationEscalated(
        String notificationId,
        @Nullable String caseId,
        String recipientId,
        Instant at,
        @Nullable String kind,
        @Nullable String supervisorId,
        int sendCount)
        implements NotificationEvent {

    public NotificationEscalated {
        present(notificationId, "notificationId");
        present(recipientId, "recipientId");
        present(at, "at");
    }
}
