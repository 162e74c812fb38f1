package org.village.notification.domain;

import org.jspecify.annotations.Nullable;
import org.village.events.DangerLevel;

/** What notification-service keeps of a referral, from referral.requested: who made it, to which shelter. */
public record ReferralRef(
        String referralId,
        String caseId,
        String shelterId,
        String advocateId,
        @Nullable DangerLevel dangerLevel) {}
