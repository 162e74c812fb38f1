package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Nobody answered within the response window; the beds are released. */
public record ReferralExpired(
        String referralId,
        String caseId,
        String shelterId,
        Instant at,
        @Nullable String reasonCode) implements ReferralOutcome {

    public ReferralExpired {
        present(referralId, "referralId");
        present(caseId, "caseId");
        present(shelterId, "shelterId");
        present(at, "at");
    }
}
