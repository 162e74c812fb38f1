package org.village.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A step in a referral's life after it was requested: keyed by its case, about the referral. */
public sealed interface ReferralOutcome extends ReferralEvent
        permits ReferralAccepted, ReferralDeclined, ReferralExpired, ReferralRevoked, ReferralCompleted {

    String referralId();

    String caseId();

    String shelterId();

    Instant at();

    @Nullable
    String reasonCode();

    @Override
    default String partitionKey() {
        return caseId();
    }

    @Override
    default String subject() {
        return referralId();
    }
}
