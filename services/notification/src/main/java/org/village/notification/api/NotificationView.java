package org.village.notification.api;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.village.notification.domain.Delivery;
import org.village.notification.domain.Notification;

/**
 * A notification as its recipient sees it, with how each external channel fared ({@code deliveries}: status,
 * attempts, last error, when delivered, next try).
 */
public record NotificationView(
        String notificationId,
        String kind,
        String priority,
        String title,
        String body,
        @Nullable String caseId,
        Instant createdAt,
        @Nullable Instant acknowledgedAt,
        boolean requiresAck,
        int sendCount,
        @Nullable Instant lastSentAt,
        Map<String, DeliveryView> deliveries) {

    public record DeliveryView(
            String channel,
            String status,
            int attempts,
            @Nullable String lastError,
            @Nullable Instant deliveredAt,
            @Nullable Instant nextAttemptAt) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(
                    d.channel().name(),
                    d.status().name(),
                    d.attempts(),
                    d.lastError(),
                    d.deliveredAt(),
                    d.nextAttemptAt());
        }
    }

    public static NotificationView of(Notification n) {
        Map<String, DeliveryView> deliveries = new TreeMap<>();
        n.deliveries().forEach((key, delivery) -> deliveries.put(key, DeliveryView.of(delivery)));
        return new NotificationView(
                n.notificationId(),
                n.kind().name(),
                n.priority().name(),
                n.title(),
                n.body(),
                n.caseId(),
                n.createdAt(),
                n.acknowledgedAt(),
                n.requiresAck(),
                n.sendCount(),
                n.lastSentAt(),
                deliveries);
    }
}
