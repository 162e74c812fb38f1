package org.village.referral.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.village.events.DangerLevel;
import org.village.events.ReferralAccepted;
import org.village.events.ReferralCompleted;
import org.village.events.ReferralDeclined;
import org.village.events.ReferralEvent;
import org.village.events.ReferralExpired;
import org.village.events.ReferralRevoked;

/**
 * A referral of a case to a shelter (D4). The details the survivor consented to share are not here: they are
 * stored sealed, apart, and shown to the shelter only while the consent is valid.
 */
public record Referral(
        String referralId,
        String caseId,
        String shelterId,
        String advocateId,
        Household household,
        List<String> needs,
        List<String> sharedScope,
        @Nullable DangerLevel dangerLevel,
        ReferralStatus status,
        Instant createdAt,
        Instant respondBy,
        ResponseWindow window,
        @Nullable String reasonCode,
        @Nullable String note,
        @Nullable Instant changedAt) {

    public Referral {
        needs = List.copyOf(needs);
        sharedScope = List.copyOf(sharedScope);
    }

    /** What a change did: the referral after it, its event, and what happens to the beds. */
    public record Transition(Referral next, ReferralEvent event, BedEffect beds) {}

    public Transition accept(Instant now) {
        require(ReferralStatus.PENDING, "accepted");
        return new Transition(
                to(ReferralStatus.ACCEPTED, null, null, now),
                new ReferralAccepted(referralId, caseId, shelterId, now, null),
                BedEffect.KEEP);
    }

    public Transition decline(String reason, String declineNote, Instant now) {
        require(ReferralStatus.PENDING, "declined");
        return new Transition(
                to(ReferralStatus.DECLINED, reason, declineNote, now),
                new ReferralDeclined(referralId, caseId, shelterId, now, reason),
                BedEffect.RELEASE);
    }

    public Transition complete(Instant now) {
        require(ReferralStatus.ACCEPTED, "completed");
        return new Transition(
                to(ReferralStatus.COMPLETED, null, null, now),
                new ReferralCompleted(referralId, caseId, shelterId, now, null),
                BedEffect.OCCUPY);
    }

    public Transition expire(Instant now) {
        require(ReferralStatus.PENDING, "expired");
        return new Transition(
                to(ReferralStatus.EXPIRED, "NO_ANSWER", null, now),
                new ReferralExpired(referralId, caseId, shelterId, now, "NO_ANSWER"),
                BedEffect.RELEASE);
    }

    public Transition revoke(String reason, Instant now) {
        if (!status.active()) {
            throw new IllegalTransition(status, "revoked");
        }
        return new Transition(
                to(ReferralStatus.REVOKED, reason, null, now),
                new ReferralRevoked(referralId, caseId, shelterId, now, reason),
                BedEffect.RELEASE);
    }

    private void require(ReferralStatus expected, String change) {
        if (status != expected) {
            throw new IllegalTransition(status, change);
        }
    }

    private Referral to(ReferralStatus next, @Nullable String reason, @Nullable String text, Instant at) {
        return new Referral(
                referralId,
                caseId,
                shelterId,
                advocateId,
                household,
                needs,
                sharedScope,
                dangerLevel,
                next,
                createdAt,
                respondBy,
                window,
                reason,
                text,
                at);
    }
}
