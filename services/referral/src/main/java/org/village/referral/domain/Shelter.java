package org.village.referral.domain;

import java.util.List;

/**
 * A shelter and its beds. {@code available = total - occupied - held}, never negative. The address is kept
 * for the shelter's own staff and never leaves referral-service's answers to anyone else.
 */
public record Shelter(
        String shelterId,
        String name,
        int totalBeds,
        int occupiedBeds,
        int heldBeds,
        boolean acceptsChildren,
        List<String> languages,
        String address) {

    public Shelter {
        languages = List.copyOf(languages);
        if (totalBeds < 0 || occupiedBeds < 0 || heldBeds < 0) {
            throw new IllegalArgumentException("bed counts cannot be negative");
        }
        if (occupiedBeds + heldBeds > totalBeds) {
            throw new IllegalArgumentException("occupied and held beds exceed the total");
        }
    }

    public int availableBeds() {
        return totalBeds - occupiedBeds - heldBeds;
    }
}
