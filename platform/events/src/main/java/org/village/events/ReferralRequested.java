package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An advocate referred a case to a shelter; beds are held until the shelter answers or the window ends. */
public record ReferralRequested(
        String referralId,
        String caseId,
        String shelterId,
        String advocateId,
        int bedsHeld,
        @Nullable DangerLevel dangerLevel,
        Instant respondBy)
        implements ReferralEvent {

    public ReferralRequested {
        present(referralId, "referralId");
        present(caseId, "caseId");
        present(shelterId, "shelterId");
        present(advocateId, "advocateId");
        present(respondBy, "respondBy");
        if (bedsHeld < 1) {
            throw new IllegalArgumentException("bedsHeld must be at least 1");
        }
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
