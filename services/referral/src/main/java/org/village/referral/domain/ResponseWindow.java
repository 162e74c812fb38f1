package org.village.referral.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * D4: when a referral without an answer re-notifies the shelter, tells the advocate, and expires. Frozen on
 * the referral when it is created, so a later change of configuration never moves a running clock.
 */
public record ResponseWindow(Duration renotifyShelterAfter, Duration tellAdvocateAfter, Duration expireAfter) {

    public static final ResponseWindow DEFAULT =
            new ResponseWindow(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));

    /** How far an unanswered referral has come through its window. */
    public enum Stage {
        NONE,
        SHELTER_REMINDED,
        ADVOCATE_TOLD,
        EXPIRED
    }

    /** The stage an unanswered referral created at {@code createdAt} has reached at {@code now}. */
    public Stage stageAt(Instant createdAt, Instant now) {
        Duration waited = Duration.between(createdAt, now);
        if (waited.compareTo(expireAfter) >= 0) {
            return Stage.EXPIRED;
        }
        if (waited.compareTo(tellAdvocateAfter) >= 0) {
            return Stage.ADVOCATE_TOLD;
        }
        return waited.compareTo(renotifyShelterAfter) >= 0 ? Stage.SHELTER_REMINDED : Stage.NONE;
    }
}
