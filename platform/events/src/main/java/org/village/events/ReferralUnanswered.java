package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A referral is still without an answer: at {@code SHELTER_REMINDED} the shelter's staff are reminded, at
 * {@code ADVOCATE_TOLD} the referring advocate learns it (D4 response window).
 */
public record ReferralUnanswered(
        String referralId,
        String caseId,
        String shelterId,
        String advocateId,
        String stage,
        @Nullable Instant respondBy,
        Instant at)
        implements ReferralEvent {

    public ReferralUnanswered {
        present(referralId, "referralId");
        present(caseId, "caseId");
        present(shelterId, "shelterId");
        present(advocateId, "advocateId");
        present(stage, "stage");
        present(at, "at");
    }

    @Override
    public String partitionKey() {
        return caseId;
    }

    @Override
    public String subject() {
        return referralId;
    }
}
