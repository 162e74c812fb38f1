package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The shelter declined the referral, with a reason; the beds are released. */
public record ReferralDeclined(
        String referralId,
        String caseId,
        String shelterId,
        Instant at,
        @Nullable String reasonCode) implements ReferralOutcome {

    public ReferralDeclined {
        present(referralId, "referralId");
        present(caseId, "caseId");
        present(shelterId, "shelterId");
        present(at, "at");
    }
}
