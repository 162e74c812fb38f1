package org.village.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseClosed;
import org.village.events.CaseEvent;
import org.village.events.CaseOpened;
import org.village.events.EventCatalog;
import org.village.events.EventType;
import org.village.events.NotificationEscalated;
import org.village.events.ReferralOutcome;
import org.village.events.ReferralRequested;
import org.village.events.ReferralUnanswered;
import org.village.events.TaskCancelled;
import org.village.events.TaskCompleted;
import org.village.events.TaskOverdue;
import org.village.events.VillageEvent;
import org.village.messaging.InboundEvent;
import org.village.notification.delivery.Deliveries;
import org.village.notification.domain.Delivery;
import org.village.notification.domain.Draft;
import org.village.notification.domain.Facts;
import org.village.notification.domain.Language;
import org.village.notification.domain.Notification;
import org.village.notification.domain.NotificationKind;
import org.village.notification.domain.NotificationRules;
import org.village.notification.domain.Preferences;
import org.village.notification.domain.ReferralRef;
import org.village.notification.domain.ResendPolicy;
import org.village.notification.domain.Rule;
import org.village.notification.domain.Webhook;
import org.village.notification.store.NotificationStore;
import org.village.notification.store.PreferenceStore;
import org.village.notification.store.RoutingFacts;
import org.village.notification.store.WebhookStore;

/**
 * Applies an event: keeps the facts routing needs, settles what the event made moot, then creates the
 * notifications of {@link NotificationRules} (once per event and recipient), and hands their external channels
 * to {@link Deliveries}. Missing facts or unknown people mean fewer recipients,
 * logged, never a failure: a notification that cannot be addressed must not block the partition.
 */
@Component
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final NotificationStore store;
    private final RoutingFacts facts;
    private final PreferenceStore preferences;
    private final WebhookStore webhooks;
    private final NotificationProperties properties;
    private final Deliveries deliveries;
    private final Clock clock;

    public Notifier(
            NotificationStore store,
            RoutingFacts facts,
            PreferenceStore preferences,
            WebhookStore webhooks,
            NotificationProperties properties,
            Deliveries deliveries,
            Clock clock) {
        this.store = store;
        this.facts = facts;
        this.preferences = preferences;
        this.webhooks = webhooks;
        this.properties = properties;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    public void on(InboundEvent<?> event) {
        VillageEvent data = event.data();
        keepFacts(data);
        settleOrRemind(data, event.id());
        Facts known = factsFor(data, event.time());
        List<Draft> drafts = NotificationRules.route(data, known);
        EventType<VillageEvent> type = EventCatalog.of(data);
        boolean someoneExpected = NotificationRules.rowsFor(type).stream().anyMatch(Rule::tellsSomeone);
        if (drafts.isEmpty() && someoneExpected) {
            log.info("Nobody known to tell of {} about {}", type.type(), data.subject());
        }
        if (drafts.isEmpty()) {
            return;
        }
        Map<String, Preferences> chosen =
                preferences.of(drafts.stream().map(d -> d.recipient().userId()).toList());
        if (chosen.values().stream().anyMatch(p -> p.writtenIn() != Language.EN)) {
            drafts = NotificationRules.route(
                    data,
                    known,
                    user -> chosen.containsKey(user) ? chosen.get(user).writtenIn() : Language.EN);
        }
        Map<String, List<Webhook>> hooks =
                webhooks.ofOrgs(drafts.stream().map(d -> d.recipient().org()).toList());
        drafts.forEach(draft -> create(
                draft,
                event.id(),
                chosen.get(draft.recipient().userId()),
                hooks.getOrDefault(draft.recipient().org(), List.of())));
    }

    private void keepFacts(VillageEvent data) {
        if (data instanceof CaseOpened opened) {
            facts.caseOpened(
                    opened.caseId(),
                    opened.intakeId(),
                    opened.agencyId(),
                    opened.departmentId(),
                    opened.officerId(),
                    opened.dangerLevel());
        } else if (data instanceof AdvocateAssigned assigned) {
            facts.advocateAssigned(assigned.caseId(), assigned.advocateId());
        } else if (data instanceof ReferralRequested requested) {
            facts.referralRequested(new ReferralRef(
                    requested.referralId(),
                    requested.caseId(),
                    requested.shelterId(),
                    requested.advocateId(),
                    requested.dangerLevel()));
        }
    }

    /**
     * What an event ends: a task done or overdue, a referral answered or gone, a closed case need no more
     * reminders. A shelter not answering in time gets its referral notification re-sent.
     */
    private void settleOrRemind(VillageEvent data, String eventId) {
        Instant now = clock.instant();
        if (data instanceof TaskCompleted done) {
            store.settle(NotificationStore.about(done.taskId()), now);
        } else if (data instanceof TaskCancelled cancelled) {
            store.settle(NotificationStore.about(cancelled.taskId()), now);
        } else if (data instanceof TaskOverdue overdue) {
            store.settle(NotificationStore.aboutAs(overdue.taskId(), NotificationKind.TASK_SCHEDULED), now);
        } else if (data instanceof ReferralOutcome outcome) {
            store.settle(NotificationStore.about(outcome.referralId()), now);
        } else if (data instanceof CaseClosed closed) {
            store.settle(NotificationStore.ofCase(closed.caseId()), now);
        } else if (data instanceof ReferralUnanswered unanswered && "SHELTER_REMINDED".equals(unanswered.stage())) {
            store.unacknowledged(NotificationStore.aboutAs(unanswered.referralId(), NotificationKind.REFERRAL_RECEIVED))
                    .forEach(id -> resend(id, eventId));
        }
    }

    private void resend(String notificationId, String byEvent) {
        store.find(notificationId).ifPresent(seen -> {
            Instant now = clock.instant();
            ResendPolicy policy = properties.resendPolicies().of(seen.priority());
            store.resend(
                            notificationId,
                            seen.sendCount(),
                            now,
                            policy == null ? null : policy.nextAction(now),
                            now.plus(properties.delivery().lease()),
                            byEvent)
                    .ifPresent(this::announce);
        });
    }

    private Facts factsFor(VillageEvent data, Instant eventTime) {
        ReferralRef referral = null;
        String caseId = null;
        if (data instanceof CaseEvent caseEvent) {
            caseId = caseEvent.caseId();
        } else if (data instanceof ReferralRequested requested) {
            caseId = requested.caseId();
            referral = new ReferralRef(
                    requested.referralId(),
                    requested.caseId(),
                    requested.shelterId(),
                    requested.advocateId(),
                    requested.dangerLevel());
        } else if (data instanceof ReferralOutcome outcome) {
            caseId = outcome.caseId();
            referral = facts.referral(outcome.referralId()).orElse(null);
        } else if (data instanceof ReferralUnanswered unanswered) {
            caseId = unanswered.caseId();
            referral = facts.referral(unanswered.referralId())
                    .orElse(new ReferralRef(
                            unanswered.referralId(),
                            unanswered.caseId(),
                            unanswered.shelterId(),
                            unanswered.advocateId(),
                            null));
        } else if (data instanceof NotificationEscalated escalated) {
            caseId = escalated.caseId();
        }
        return new Facts(caseId, facts.caseRef(caseId).orElse(null), referral, properties, eventTime);
    }

    /** Creates one notification with the channels its recipient chose and their organisation's webhooks. */
    private void create(Draft draft, String eventId, Preferences chosen, List<Webhook> hooks) {
        Instant now = clock.instant();
        Map<String, Delivery> channels = new LinkedHashMap<>();
        if (chosen.wantsEmail()) {
            channels.put(Delivery.email().key(), Delivery.email());
        }
        hooks.forEach(
                hook -> channels.put(Delivery.webhook(hook.webhookId()).key(), Delivery.webhook(hook.webhookId())));
        ResendPolicy policy = draft.requiresAck() ? properties.resendPolicies().of(draft.priority()) : null;
        store.create(
                        draft,
                        eventId,
                        now,
                        policy == null ? null : policy.nextAction(now),
                        channels,
                        channels.isEmpty()
                                ? null
                                : now.plus(properties.delivery().lease()))
                .ifPresent(this::announce);
    }

    /**
     * Sends a notification (new or re-sent) over its external channels; its live streams learn of it from
     * notification.sent, on whichever instance serves them.
     */
    public void announce(Notification notification) {
        deliveries.dispatchSoon(notification);
    }
}
