package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The survivor arrived; the held beds are now occupied. */
public record ReferralCompleted(
        String referralId,
        String caseId,
        String shelterId,
        Instant at,
        @Nullable String reasonCode) implements ReferralOutcome {

    public ReferralCompleted {
        present(referralId, "referralId");
        present(caseId, "caseId");
        present(shelterId, "shelterId");
        present(at, "at");
    }
}
