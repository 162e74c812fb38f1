package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A protective order expires within the reminder window: its advocate and the officer must know. */
public record ProtectiveOrderExpiring(
        String caseId,
        String orderId,
        Instant expiresAt,
        @Nullable String advocateId,
        @Nullable String officerId) implements CaseEvent {

    public ProtectiveOrderExpiring {
        present(caseId, "caseId");
        present(orderId, "orderId");
        present(expiresAt, "expiresAt");
    }

    @Override
    public String subject() {
        return orderId;
    }
}
