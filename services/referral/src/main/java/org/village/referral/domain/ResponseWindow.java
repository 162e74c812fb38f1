package org.village.referral.domain;

import java.time.Duration;

/**
 * D4: when a referral without an answer re-notifies the shelter, tells the advocate, and expires. Frozen on
 * the referral when it is created, so a later change of configuration never moves a running clock.
 */
public record ResponseWindow(Duration renotifyShelterAfter, Duration tellAdvocateAfter, Duration expireAfter) {

    public static final ResponseWindow DEFAULT =
            new ResponseWindow(Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));
}
