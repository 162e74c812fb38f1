package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The referral was withdrawn (by the advocate, a revoked consent or the case's closure); the beds are released. */
public record ReferralRevoked(
        String referralId,
        String caseId,
        String shelterId,
        Instant at,
        @Nullable String reasonCode) implements ReferralOutcome {

    public ReferralRevoked {
        present(referralId, "referralId");
        present(caseId, "caseId");
        present(shelterId, "shelterId");
        present(at, "at");
    }
}
