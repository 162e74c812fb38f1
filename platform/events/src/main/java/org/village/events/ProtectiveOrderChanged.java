package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A protective order on the case was recorded or changed. */
public record ProtectiveOrderChanged(
        String caseId,
        String orderId,
        String status,
        @Nullable LocalDate courtDate,
        @Nullable Instant expiresAt) implements CaseEvent {

    public ProtectiveOrderChanged {
        present(caseId, "caseId");
        present(orderId, "orderId");
        present(status, "status");
    }

    @Override
    public String subject() {
        return orderId;
    }
}
