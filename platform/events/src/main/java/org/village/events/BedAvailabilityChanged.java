package org.village.events;

import static org.village.events.Require.present;

/** A shelter's beds changed: enough for a board to stay live. Never where the shelter is. */
public record BedAvailabilityChanged(String shelterId, int total, int occupied, int held, int available)
        implements ReferralEvent {

    public BedAvailabilityChanged {
        present(shelterId, "shelterId");
        if (total < 0 || occupied < 0 || held < 0 || available < 0 || available != total - occupied - held) {
            throw new IllegalArgumentException("bed counts must be consistent and not negative");
        }
    }

    @Override
    public String partitionKey() {
        return shelterId;
    }

    @Override
    public String subject() {
        return shelterId;
    }
}
