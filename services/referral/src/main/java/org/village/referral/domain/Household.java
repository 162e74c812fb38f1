package org.village.referral.domain;

/** Who needs a bed: one bed each. */
public record Household(int adults, int children) {

    public Household {
        if (adults < 1 || children < 0) {
            throw new IllegalArgumentException("a household has at least one adult and no negative number of children");
        }
    }

    public int beds() {
        return adults + children;
    }
}
