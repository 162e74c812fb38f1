package org.village.casework.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.village.casework.domain.TimelineEntry;
import org.village.casework.store.CaseStore;
import org.village.casework.store.CaseStore.ReferralStep;
import org.village.events.ReferralAccepted;
import org.village.events.ReferralDeclined;
import org.village.events.ReferralExpired;
import org.village.events.ReferralOutcome;
import org.village.events.ReferralRequested;
import org.village.events.ReferralRevoked;
import org.village.events.Topics;
import org.village.messaging.InboundEvents;

/**
 * Follows the case's referrals from referral-service's events: counts those waiting for a shelter's answer (the
 * caseload's {@code pendingReferrals}) and puts each step on the case's timeline, once.
 */
@Component
public class ReferralEventsListener {

    private final CaseStore store;

    public ReferralEventsListener(CaseStore store) {
        this.store = store;
    }

    @KafkaListener(topics = Topics.REFERRAL_EVENTS)
    public void on(ConsumerRecord<String, byte[]> record) {
        InboundEvents.decode(record).ifPresent(event -> {
            if (event.data() instanceof ReferralRequested requested) {
                store.referral(
                        requested.caseId(),
                        requested.referralId(),
                        ReferralStep.PENDING,
                        new TimelineEntry(
                                event.time(),
                                "REFERRAL_REQUESTED",
                                requested.advocateId(),
                                "Referral to " + requested.shelterId() + " (" + requested.bedsHeld()
                                        + (requested.bedsHeld() == 1 ? " bed" : " beds") + " held)"));
            } else if (event.data() instanceof ReferralOutcome outcome) {
                store.referral(outcome.caseId(), outcome.referralId(), step(outcome), entry(outcome));
            }
        });
    }

    private static ReferralStep step(ReferralOutcome outcome) {
        return outcome instanceof ReferralAccepted ? ReferralStep.ACCEPTED : ReferralStep.CLOSED;
    }

    private static TimelineEntry entry(ReferralOutcome outcome) {
        String type;
        String what;
        String actor = outcome.shelterId();
        if (outcome instanceof ReferralAccepted) {
            type = "REFERRAL_ACCEPTED";
            what = "accepted";
        } else if (outcome instanceof ReferralDeclined) {
            type = "REFERRAL_DECLINED";
            what = "declined";
        } else if (outcome instanceof ReferralExpired) {
            type = "REFERRAL_EXPIRED";
            what = "expired unanswered";
            actor = "village";
        } else if (outcome instanceof ReferralRevoked) {
            type = "REFERRAL_REVOKED";
            what = "revoked";
            actor = "village";
        } else {
            type = "REFERRAL_COMPLETED";
            what = "completed: the survivor arrived";
        }
        return new TimelineEntry(
                outcome.at(),
                type,
                actor,
                "Referral to " + outcome.shelterId() + " " + what
                        + (outcome.reasonCode() == null ? "" : ": " + outcome.reasonCode()));
    }
}
