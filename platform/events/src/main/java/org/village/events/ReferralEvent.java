package org.village.events;

/** Events published by referral-service on {@link Topics#REFERRAL_EVENTS}. */
public sealed interface ReferralEvent extends VillageEvent
        permits BedAvailabilityChanged, ReferralRequested, ReferralOutcome, ReferralUnanswered {}
