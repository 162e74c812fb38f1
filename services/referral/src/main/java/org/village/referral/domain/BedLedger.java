package org.village.referral.domain;

/**
 * D4 bed arithmetic: {@code available = total − occupied − held}, never negative. Staff keep total and occupied
 * current; holds belong to referrals and are never dropped by a recount.
 */
public final class BedLedger {

    private BedLedger() {}

    /** The shelter with the counts its staff reported; refused when that would leave fewer beds than are held. */
    public static Shelter recount(Shelter shelter, int total, int occupied) {
        if (total < 0 || occupied < 0) {
            throw new IllegalArgumentException("bed counts cannot be negative");
        }
        if (total - occupied - shelter.heldBeds() < 0) {
            throw new NotEnoughBeds(shelter.heldBeds(), total, occupied);
        }
        return new Shelter(
                shelter.shelterId(),
                shelter.name(),
                total,
                occupied,
                shelter.heldBeds(),
                shelter.acceptsChildren(),
                shelter.languages(),
                shelter.address());
    }

    /** A recount that would make availability negative. */
    public static final class NotEnoughBeds extends RuntimeException {

        public NotEnoughBeds(int held, int total, int occupied) {
            super(total + " beds with " + occupied + " occupied and " + held + " held for referrals would leave "
                    + (total - occupied - held) + " available");
        }
    }
}
