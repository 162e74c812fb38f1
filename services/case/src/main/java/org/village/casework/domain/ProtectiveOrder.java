package org.village.casework.domain;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A protective order on the case; {@code remindedFor} is the expiry a reminder was already sent for. */
public record ProtectiveOrder(
        String orderId,
        OrderStatus status,
        @Nullable LocalDate courtDate,
        @Nullable Instant expiresAt,
        Instant createdAt,
        @Nullable Instant remindedFor) {

    /** Whether a reminder is due: in force, expiring before {@code horizon}, not yet reminded of this expiry. */
    public boolean reminderDue(Instant now, Instant horizon) {
        return status.inForce()
                && expiresAt != null
                && expiresAt.isAfter(now)
                && !expiresAt.isAfter(horizon)
                && !expiresAt.equals(remindedFor);
    }

    public ProtectiveOrder with(
            OrderStatus newStatus, @Nullable LocalDate newCourtDate, @Nullable Instant newExpiresAt) {
        return new ProtectiveOrder(orderId, newStatus, newCourtDate, newExpiresAt, createdAt, remindedFor);
    }

    public ProtectiveOrder reminded() {
        return new ProtectiveOrder(orderId, status, courtDate, expiresAt, createdAt, expiresAt);
    }
}
