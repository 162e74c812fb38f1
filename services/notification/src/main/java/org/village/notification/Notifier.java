package org.village.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
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
import org.village.notification.api.NotificationStreams;
import org.village.notification.delivery.Deliveries;
import org.village.notification.domain.CaseRef;
import org.village.notification.domain.Delivery;
import org.village.notification.domain.Draft;
import org.village.notification.domain.EventTable;
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
import org.village.notification.store.Reminders;
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
    private final Reminders reminders;
    private final RoutingFacts facts;
    private final PreferenceStore preferences;
    private final WebhookStore webhooks;
    private final NotificationProperties properties;
    private final Deliveries deliveries;
    private final NotificationStreams streams;
    private final Clock clock;

    /**
     * What routing learns from an event and keeps for the events after it; for a case's facts, the case as the
     * write left it.
     */
    private final EventTable<Supplier<Optional<CaseRef>>> learns;

    /** What an event ends: a task done or overdue, a referral answered or gone, a closed case need no reminders. */
    private final EventTable<Reminders.Which> ends;

    /** What an event asks to be said again: a shelter not answering in time gets its referral re-sent. */
    private final EventTable<Reminders.Which> reminds;

    /** What an event is about: its case and, for a referral's event, the referral. */
    private final EventTable<About> concerns;

    public Notifier(
            NotificationStore store,
            Reminders reminders,
            RoutingFacts facts,
            PreferenceStore preferences,
            WebhookStore webhooks,
            NotificationProperties properties,
            Deliveries deliveries,
            NotificationStreams streams,
            Clock clock) {
        this.store = store;
        this.reminders = reminders;
        this.facts = facts;
        this.preferences = preferences;
        this.webhooks = webhooks;
        this.properties = properties;
        this.deliveries = deliveries;
        this.streams = streams;
        this.clock = clock;
        this.learns = EventTable.<Supplier<Optional<CaseRef>>>of()
                .on(
                        CaseOpened.class,
                        opened -> () -> facts.caseOpened(
                                opened.caseId(),
                                opened.intakeId(),
                                opened.agencyId(),
                                opened.departmentId(),
                                opened.officerId(),
                                opened.dangerLevel()))
                .on(
                        AdvocateAssigned.class,
                        assigned -> () -> facts.advocateAssigned(assigned.caseId(), assigned.advocateId()))
                .on(ReferralRequested.class, requested -> () -> {
                    facts.referralRequested(ref(requested));
                    return Optional.empty();
                })
                .build();
        this.ends = EventTable.<Reminders.Which>of()
                .on(TaskCompleted.class, done -> Reminders.Which.about(done.taskId()))
                .on(TaskCancelled.class, cancelled -> Reminders.Which.about(cancelled.taskId()))
                .on(
                        TaskOverdue.class,
                        overdue -> Reminders.Which.aboutAs(overdue.taskId(), NotificationKind.TASK_SCHEDULED))
                .on(ReferralOutcome.class, outcome -> Reminders.Which.about(outcome.referralId()))
                .on(CaseClosed.class, closed -> Reminders.Which.ofCase(closed.caseId()))
                .build();
        this.reminds = EventTable.<Reminders.Which>of()
                .on(
                        ReferralUnanswered.class,
                        unanswered -> "SHELTER_REMINDED".equals(unanswered.stage())
                                ? Reminders.Which.aboutAs(unanswered.referralId(), NotificationKind.REFERRAL_RECEIVED)
                                : null)
                .build();
        this.concerns = EventTable.<About>of()
                .on(CaseEvent.class, caseEvent -> new About(caseEvent.caseId(), null))
                .on(ReferralRequested.class, requested -> new About(requested.caseId(), ref(requested)))
                .on(
                        ReferralOutcome.class,
                        outcome -> new About(
                                outcome.caseId(),
                                facts.referral(outcome.referralId()).orElse(null)))
                .on(
                        ReferralUnanswered.class,
                        unanswered -> new About(
                                unanswered.caseId(),
                                facts.referral(unanswered.referralId())
                                        .orElse(new ReferralRef(
                                                unanswered.referralId(),
                                                unanswered.caseId(),
                                                unanswered.shelterId(),
                                                unanswered.advocateId(),
                                                null))))
                .on(NotificationEscalated.class, escalated -> new About(escalated.caseId(), null))
                .build();
    }

    public void on(InboundEvent<?> event) {
        VillageEvent data = event.data();
        Optional<CaseRef> kept = learns.apply(data).flatMap(Supplier::get);
        settleOrRemind(data, event.id());
        Facts known = factsFor(data, event.time(), kept);
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
                    user -> Optional.ofNullable(chosen.get(user))
                            .map(Preferences::writtenIn)
                            .orElse(Language.EN));
        }
        Map<String, List<Webhook>> hooks =
                webhooks.ofOrgs(drafts.stream().map(d -> d.recipient().org()).toList());
        drafts.forEach(draft -> create(
                draft,
                event.id(),
                chosen.getOrDefault(
                        draft.recipient().userId(),
                        Preferences.inAppOnly(draft.recipient().userId())),
                hooks.getOrDefault(draft.recipient().org(), List.of())));
    }

    /**
     * What an event ends: a task done or overdue, a referral answered or gone, a closed case need no more
     * reminders. A shelter not answering in time gets its referral notification re-sent.
     */
    private void settleOrRemind(VillageEvent data, String eventId) {
        Instant now = clock.instant();
        ends.apply(data).ifPresent(which -> reminders.settle(which, now));
        reminds.apply(data).ifPresent(which -> reminders.unacknowledged(which).forEach(id -> resend(id, eventId)));
    }

    private void resend(String notificationId, String byEvent) {
        store.find(notificationId).ifPresent(seen -> {
            Instant now = clock.instant();
            ResendPolicy policy = properties.resendPolicies().of(seen.priority());
            reminders
                    .resend(
                            notificationId,
                            seen.sendCount(),
                            now,
                            policy == null ? null : policy.nextAction(now),
                            now.plus(properties.delivery().lease()),
                            byEvent)
                    .ifPresent(this::announce);
        });
    }

    /** The facts routing has for an event: the case it is about as its own write just left it, or as stored. */
    private Facts factsFor(VillageEvent data, Instant eventTime, Optional<CaseRef> kept) {
        About about = concerns.apply(data).orElse(new About(null, null));
        CaseRef caseRef = kept.filter(ref -> ref.caseId().equals(about.caseId()))
                .or(() -> facts.caseRef(about.caseId()))
                .orElse(null);
        return new Facts(about.caseId(), caseRef, about.referral(), properties, eventTime);
    }

    /** The case an event is about and, for a referral's event, the referral as routing knows it. */
    private record About(@Nullable String caseId, @Nullable ReferralRef referral) {}

    private static ReferralRef ref(ReferralRequested requested) {
        return new ReferralRef(
                requested.referralId(),
                requested.caseId(),
                requested.shelterId(),
                requested.advocateId(),
                requested.dangerLevel());
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
     * notification.sent, on whichever instance serves them (this one holds it for its own streams meanwhile).
     */
    public void announce(Notification notification) {
        streams.sent(notification);
        deliveries.dispatchSoon(notification);
    }
}
