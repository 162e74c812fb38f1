package org.village.referral;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.village.events.ReferralRequested;
import org.village.referral.domain.BedEffect;
import org.village.referral.domain.ConsentGrant;
import org.village.referral.domain.Household;
import org.village.referral.domain.IllegalTransition;
import org.village.referral.domain.Referral;
import org.village.referral.domain.ReferralStatus;
import org.village.referral.domain.ResponseWindow;
import org.village.referral.domain.Shelter;
import org.village.referral.store.CaseRefStore;
import org.village.referral.store.ReferralStore;
import org.village.referral.store.ShelterStore;

/**
 * Referring a case to a shelter (D3, D4). A referral is stored first (unseen), then its beds are held in one
 * conditional update of the shelter, then it is confirmed with its event: a crash at any point leaves nothing
 * visible that is not backed by a hold, and a retry with the same id finishes the job.
 */
@Component
public class Referrals {

    private final ReferralStore referrals;
    private final CaseRefStore cases;
    private final ShelterStore shelters;
    private final Clock clock;

    public Referrals(ReferralStore referrals, CaseRefStore cases, ShelterStore shelters, Clock clock) {
        this.referrals = referrals;
        this.cases = cases;
        this.shelters = shelters;
        this.clock = clock;
    }

    /** Why a referral cannot be made; each reads as one problem type. */
    public static final class Refused extends RuntimeException {

        /** The problem type. */
        public enum Reason {
            UNKNOWN_SHELTER,
            NOT_ELIGIBLE,
            CONSENT_REQUIRED,
            DUPLICATE,
            NO_BEDS
        }

        private final Reason reason;

        Refused(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    public Referral request(
            String referralId,
            String caseId,
            String shelterId,
            String advocateId,
            Household household,
            List<String> needs,
            Map<String, String> sharedDetails,
            CaseRefStore.CaseRef caseRef) {
        Instant now = clock.instant();
        Optional<Referral> earlier = referrals.find(referralId, true);
        if (earlier.isPresent() && referrals.isConfirmed(referralId)) {
            return earlier.get();
        }
        Shelter shelter = shelters.find(shelterId)
                .orElseThrow(() -> new Refused(Refused.Reason.UNKNOWN_SHELTER, "shelterId: is not a known shelter"));
        if (household.children() > 0 && !shelter.acceptsChildren()) {
            throw new Refused(Refused.Reason.NOT_ELIGIBLE, shelter.name() + " does not take children");
        }
        Set<String> shared = new TreeSet<>(sharedDetails.keySet());
        if (!shared.isEmpty()) {
            boolean consented = cases.consentsFor(caseId, shelterId).stream()
                    .anyMatch(consent -> consent.validAt(now) && consent.covers(shared));
            if (!consented) {
                throw new Refused(
                        Refused.Reason.CONSENT_REQUIRED, "No valid consent lets " + shelterId + " receive " + shared);
            }
        }
        if (earlier.isEmpty() && referrals.hasActive(caseId, shelterId)) {
            throw new Refused(Refused.Reason.DUPLICATE, "The case already has an open referral to " + shelterId);
        }
        ResponseWindow window = ResponseWindow.DEFAULT;
        Referral referral = earlier.orElseGet(() -> referrals.insert(
                new Referral(
                        referralId,
                        caseId,
                        shelterId,
                        advocateId,
                        household,
                        needs,
                        List.copyOf(shared),
                        caseRef.dangerLevel(),
                        ReferralStatus.PENDING,
                        now,
                        now.plus(window.expireAfter()),
                        window,
                        null,
                        null,
                        null),
                caseRef.agencyId(),
                sharedDetails));
        if (!shelters.hold(shelterId, referralId, household.beds(), now)) {
            referrals.discard(referralId);
            throw new Refused(
                    Refused.Reason.NO_BEDS, shelter.name() + " has fewer than " + household.beds() + " beds available");
        }
        referrals.confirm(
                referral,
                new ReferralRequested(
                        referralId,
                        caseId,
                        shelterId,
                        advocateId,
                        household.beds(),
                        caseRef.dangerLevel(),
                        referral.respondBy()),
                now);
        return referral;
    }

    /**
     * Finishes a request that was cut short between its steps: a referral whose beds are held is confirmed with
     * its event (the advocate sees it in their list); one without a hold is forgotten, as the request failed.
     */
    public void reconcile(Referral referral) {
        if (shelters.holds(referral.shelterId(), referral.referralId())) {
            referrals.confirm(
                    referral,
                    new ReferralRequested(
                            referral.referralId(),
                            referral.caseId(),
                            referral.shelterId(),
                            referral.advocateId(),
                            referral.household().beds(),
                            referral.dangerLevel(),
                            referral.respondBy()),
                    clock.instant());
        } else {
            referrals.discard(referral.referralId());
        }
    }

    /**
     * Applies a status change and its effect on the beds; a change already made is not made again.
     *
     * @throws IllegalTransition when the referral's status does not allow it
     */
    public Referral change(String referralId, Function<Referral, Referral.Transition> command) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 20; attempt++) {
            Referral current = referrals.find(referralId, false).orElseThrow();
            Referral.Transition transition = command.apply(current);
            if (referrals.apply(current, transition, now)) {
                effect(transition.next(), transition.beds(), now);
                return transition.next();
            }
        }
        throw new IllegalStateException("Referral " + referralId + " is changing too fast");
    }

    /** D3: every open referral of a case to a recipient is revoked (a consent was revoked). */
    public void revokeOpen(List<String> referralIds, String reason) {
        for (String id : referralIds) {
            try {
                change(id, referral -> referral.revoke(reason, clock.instant()));
            } catch (IllegalTransition alreadyClosed) {
                // answered or closed meanwhile: nothing left to revoke
            }
        }
    }

    private void effect(Referral referral, BedEffect beds, Instant now) {
        switch (beds) {
            case RELEASE -> shelters.release(referral.shelterId(), referral.referralId(), now);
            case OCCUPY -> shelters.occupy(referral.shelterId(), referral.referralId(), now);
            case KEEP -> {}
        }
    }

    /** What the shelter may see of the shared details now: only while the referral is open and consent valid. */
    public Optional<Map<String, String>> detailsForShelter(Referral referral) {
        Instant now = clock.instant();
        if (!referral.status().active() || referral.sharedScope().isEmpty()) {
            return Optional.empty();
        }
        Set<String> shared = Set.copyOf(referral.sharedScope());
        boolean consented = cases.consentsFor(referral.caseId(), referral.shelterId()).stream()
                .anyMatch(consent -> consent.validAt(now) && consent.covers(shared));
        return consented ? referrals.sharedDetails(referral.referralId()) : Optional.empty();
    }

    public List<ConsentGrant> consents(String caseId, String recipientId) {
        return cases.consentsFor(caseId, recipientId);
    }
}
