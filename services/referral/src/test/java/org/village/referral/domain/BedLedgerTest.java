package org.village.referral.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** D4 bed arithmetic. */
class BedLedgerTest {

    private static final Shelter HARBOR =
            new Shelter("harbor-house", "Harbor House", 12, 5, 3, true, List.of("en"), "x");

    @Test
    void availableIsTotalMinusOccupiedMinusHeld() {
        assertThat(HARBOR.availableBeds()).isEqualTo(4);
        assertThat(BedLedger.recount(HARBOR, 14, 6).availableBeds()).isEqualTo(5);
    }

    @Test
    void aRecountThatWouldMakeAvailabilityNegativeIsRefusedAndKeepsTheHolds() {
        assertThatThrownBy(() -> BedLedger.recount(HARBOR, 10, 8)).isInstanceOf(BedLedger.NotEnoughBeds.class);
        assertThat(BedLedger.recount(HARBOR, 10, 7).heldBeds()).isEqualTo(3);
        assertThat(BedLedger.recount(HARBOR, 10, 7).availableBeds()).isZero();
    }

    @Test
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> BedLedger.recount(HARBOR, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
