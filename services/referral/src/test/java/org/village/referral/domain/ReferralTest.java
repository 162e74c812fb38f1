package org.village.referral.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.village.events.DangerLevel;
import org.village.events.ReferralCompleted;
import org.village.events.ReferralDeclined;

/** D4: the referral lifecycle and what each step does to the beds. */
class ReferralTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static Referral pending() {
        return new Referral(
                "r",
                "c",
                "harbor-house",
                "advocate.avery",
                new Household(1, 2),
                List.of("SHELTER"),
                List.of(),
                DangerLevel.HIGH,
                ReferralStatus.PENDING,
                NOW,
                NOW.plus(ResponseWindow.DEFAULT.expireAfter()),
                ResponseWindow.DEFAULT,
                null,
                null,
                null);
    }

    @Test
    void aHouseholdNeedsOneBedEach() {
        assertThat(new Household(1, 2).beds()).isEqualTo(3);
        assertThatThrownBy(() -> new Household(0, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptKeepsTheHoldAndCompleteTurnsItIntoOccupiedBeds() {
        Referral.Transition accepted = pending().accept(NOW);
        assertThat(accepted.beds()).isEqualTo(BedEffect.KEEP);
        Referral.Transition completed = accepted.next().complete(NOW);
        assertThat(completed.beds()).isEqualTo(BedEffect.OCCUPY);
        assertThat(completed.event()).isInstanceOf(ReferralCompleted.class);
    }

    @Test
    void declineNeedsAReasonAndReleasesTheHold() {
        Referral.Transition declined = pending().decline("NO_CAPACITY", null, NOW);
        assertThat(declined.beds()).isEqualTo(BedEffect.RELEASE);
        assertThat(((ReferralDeclined) declined.event()).reasonCode()).isEqualTo("NO_CAPACITY");
    }

    @Test
    void expireAndRevokeReleaseTheHold() {
        assertThat(pending().expire(NOW).beds()).isEqualTo(BedEffect.RELEASE);
        assertThat(pending().revoke("ADVOCATE_REVOKED", NOW).beds()).isEqualTo(BedEffect.RELEASE);
        assertThat(pending().accept(NOW).next().revoke("CASE_CLOSED", NOW).beds())
                .isEqualTo(BedEffect.RELEASE);
    }

    @Test
    void illegalTransitionsAreRefused() {
        Referral accepted = pending().accept(NOW).next();
        Referral completed = accepted.complete(NOW).next();
        Referral declined = pending().decline("OTHER", null, NOW).next();

        assertThatThrownBy(() -> pending().complete(NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> accepted.accept(NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> accepted.decline("OTHER", null, NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> accepted.expire(NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> completed.revoke("X", NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> declined.accept(NOW)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> declined.revoke("X", NOW)).isInstanceOf(IllegalTransition.class);
    }

    @Test
    void theResponseWindowIsFrozenOnTheReferral() {
        Referral referral = pending();
        assertThat(referral.respondBy()).isEqualTo(NOW.plusSeconds(4 * 3600));
        assertThat(referral.accept(NOW).next().window()).isEqualTo(referral.window());
    }
}
