package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The shelter accepted the referral; the beds stay held. */
public record ReferralAccepted(
        String referralId,
        String caseId,
        String shelterId,
        Instant at,
        @Nullable String reasonCode) implements ReferralOutcome {

    public ReferralAccepted {
        present(referralId, "referralId");
        present(caseId, "caseId");
        present(shelterId, "shelterId");
        present(at, "at");
    }
}
