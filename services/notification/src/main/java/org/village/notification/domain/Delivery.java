package org.village.notification.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One external channel of a notification: e-mail to its recipient, or a webhook of the recipient's organisation.
 * {@code sentUpTo} is the send count this channel has delivered; a re-send makes it pending again.
 */
public record Delivery(
        Channel channel,
        @Nullable String webhookId,
        Status status,
        int attempts,
        int sentUpTo,
        @Nullable String lastError,
        @Nullable Instant lastAttemptAt,
        @Nullable Instant deliveredAt,
        @Nullable Instant nextAttemptAt) {

    public enum Channel {
        EMAIL,
        WEBHOOK
    }

    /** PENDING: not yet tried for the latest send; FAILED: tried, will be tried again; SKIPPED: nowhere to send. */
    public enum Status {
        PENDING,
        DELIVERED,
        FAILED,
        SKIPPED
    }

    public static Delivery email() {
        return new Delivery(Channel.EMAIL, null, Status.PENDING, 0, 0, null, null, null, null);
    }

    public static Delivery webhook(String webhookId) {
        return new Delivery(Channel.WEBHOOK, webhookId, Status.PENDING, 0, 0, null, null, null, null);
    }

    /** The key of this delivery among a notification's deliveries. */
    public String key() {
        return channel == Channel.EMAIL ? "email" : "webhook-" + webhookId;
    }

    public boolean owes(int sendCount) {
        return status != Status.SKIPPED && sentUpTo < sendCount;
    }
}
