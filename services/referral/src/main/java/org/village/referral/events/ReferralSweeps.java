package org.village.referral.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.village.events.ReferralUnanswered;
import org.village.referral.ReferralProperties;
import org.village.referral.Referrals;
import org.village.referral.domain.IllegalTransition;
import org.village.referral.domain.Referral;
import org.village.referral.domain.ResponseWindow;
import org.village.referral.store.CaseRefStore;
import org.village.referral.store.ReferralStore;

/**
 * D4's response window, checked periodically by one instance of the cluster (ShedLock): an unanswered referral
 * reminds the shelter, then tells the advocate, each once, and finally expires, releasing its beds. The
 * window frozen on each referral decides, not today's configuration. D3: a consent that expired revokes the
 * PENDING referrals that shared details under it, as a revocation does. A referral request cut short between
 * its steps is finished: confirmed when its beds are held, forgotten when not. And D6: a closed referral's shared
 * details are erased once it has been closed for the retention period (30 days).
 */
@Component
public class ReferralSweeps {

    /** A request still unconfirmed after this long was cut short (a request takes milliseconds). */
    static final Duration UNFINISHED_AFTER = Duration.ofMinutes(1);

    private final ReferralStore store;
    private final CaseRefStore cases;
    private final Referrals desk;
    private final Duration detailsRetention;
    private final Clock clock;

    public ReferralSweeps(
            ReferralStore store, CaseRefStore cases, Referrals desk, ReferralProperties properties, Clock clock) {
        this.store = store;
        this.cases = cases;
        this.desk = desk;
        this.detailsRetention = properties.detailsRetention();
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${village.referral.sweep-interval:PT1M}",
            initialDelayString = "${village.referral.sweep-interval:PT1M}")
    @SchedulerLock(name = "referral-sweeps", lockAtMostFor = "PT5M", lockAtLeastFor = "PT1S")
    public void sweep() {
        sweep(clock.instant());
    }

    /** Moves every unanswered referral along its window, and acts on expired consents; returns how many changed. */
    public int sweep(Instant now) {
        int changed = 0;
        for (Referral cutShort : store.unconfirmedBefore(now.minus(UNFINISHED_AFTER))) {
            desk.reconcile(cutShort);
            changed++;
        }
        for (var consent : cases.newlyExpired(now)) {
            List<String> pending = store.pendingSharingDetails(consent.caseId(), consent.recipientId());
            desk.revokeOpen(pending, "CONSENT_EXPIRED");
            cases.expiryApplied(consent.consentId());
            changed += pending.size();
        }
        Map<String, ResponseWindow.Stage> pending = store.pendingSince(now);
        for (Map.Entry<String, ResponseWindow.Stage> entry : pending.entrySet()) {
            Referral referral = store.find(entry.getKey(), false).orElse(null);
            if (referral == null) {
                continue;
            }
            ResponseWindow.Stage reached = referral.window().stageAt(referral.createdAt(), now);
            ResponseWindow.Stage announced = entry.getValue();
            if (reached == ResponseWindow.Stage.EXPIRED) {
                try {
                    desk.change(referral.referralId(), r -> r.expire(now));
                    changed++;
                } catch (IllegalTransition answeredMeanwhile) {
                    // the shelter answered at the last moment: nothing expires
                }
                continue;
            }
            for (ResponseWindow.Stage stage : new ResponseWindow.Stage[] {
                ResponseWindow.Stage.SHELTER_REMINDED, ResponseWindow.Stage.ADVOCATE_TOLD
            }) {
                if (stage.compareTo(announced) > 0 && stage.compareTo(reached) <= 0) {
                    if (store.markUnanswered(
                            referral.referralId(),
                            announced,
                            stage,
                            new ReferralUnanswered(
                                    referral.referralId(),
                                    referral.caseId(),
                                    referral.shelterId(),
                                    referral.advocateId(),
                                    stage.name(),
                                    referral.respondBy(),
                                    now),
                            now)) {
                        changed++;
                    }
                    announced = stage;
                }
            }
        }
        for (String closed : store.closedWithDetailsBefore(now.minus(detailsRetention))) {
            store.eraseDetails(closed, now);
            changed++;
        }
        return changed;
    }
}
