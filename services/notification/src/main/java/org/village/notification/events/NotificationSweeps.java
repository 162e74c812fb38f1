package org.village.notification.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.village.events.NotificationEscalated;
import org.village.notification.NotificationProperties;
import org.village.notification.Notifier;
import org.village.notification.domain.Notification;
import org.village.notification.domain.ResendPolicy;
import org.village.notification.store.NotificationStore;
import org.village.notification.store.Reminders;

/**
 * D5 re-notification, once per cluster (ShedLock): an unacknowledged URGENT or HIGH notification is re-sent as its
 * policy says (the same notification, its send count growing) and then escalated: notification.escalated.v1 is
 * published in the same write that marks it, one per supervisor, and each becomes that supervisor's ESCALATION.
 */
@Component
public class NotificationSweeps {

    private static final Logger log = LoggerFactory.getLogger(NotificationSweeps.class);
    private static final int BATCH = 500;

    private final NotificationStore store;
    private final Reminders reminders;
    private final NotificationProperties properties;
    private final Notifier notifier;
    private final Clock clock;

    public NotificationSweeps(
            NotificationStore store,
            Reminders reminders,
            NotificationProperties properties,
            Notifier notifier,
            Clock clock) {
        this.store = store;
        this.reminders = reminders;
        this.properties = properties;
        this.notifier = notifier;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${village.notification.sweep-interval:PT1M}",
            initialDelayString = "${village.notification.sweep-interval:PT1M}")
    @SchedulerLock(name = "notification-sweeps", lockAtMostFor = "PT5M", lockAtLeastFor = "PT1S")
    public void sweep() {
        remindAndEscalate(clock.instant());
    }

    /** Re-sends or escalates every notification due at {@code now}; returns how many were looked at. */
    public int remindAndEscalate(Instant now) {
        List<String> due = reminders.dueForAction(now, BATCH);
        due.forEach(id -> store.find(id).ifPresent(notification -> act(notification, now)));
        return due.size();
    }

    private void act(Notification notification, Instant now) {
        ResendPolicy policy = properties.resendPolicies().of(notification.priority());
        ResendPolicy.Step step =
                policy == null ? ResendPolicy.Step.STOP : policy.next(notification.kind(), notification.sendCount());
        switch (step) {
            case RESEND ->
                reminders
                        .resend(
                                notification.notificationId(),
                                notification.sendCount(),
                                now,
                                Objects.requireNonNull(policy, "a re-sent notification has its policy")
                                        .nextAction(now),
                                now.plus(properties.delivery().lease()),
                                null)
                        .ifPresent(notifier::announce);
            case ESCALATE -> escalate(notification, now);
            case STOP -> reminders.stop(notification.notificationId(), notification.sendCount());
        }
    }

    /**
     * The supervisors of the recipient's own organisation are told; when it has none known, those of the case's
     * agency. Nobody known is logged and the escalation still recorded and published.
     */
    private void escalate(Notification notification, Instant now) {
        List<String> supervisors = new ArrayList<>(
                properties.supervisorsOf(notification.recipient().org()));
        if (supervisors.isEmpty()) {
            supervisors.addAll(properties.supervisorsOf(notification.agencyId()));
        }
        supervisors.remove(notification.recipient().userId());
        if (supervisors.isEmpty()) {
            log.warn("No supervisor known to escalate notification {} to", notification.notificationId());
            supervisors.add(null);
        }
        List<NotificationEscalated> events = supervisors.stream()
                .map(supervisor -> new NotificationEscalated(
                        notification.notificationId(),
                        notification.caseId(),
                        notification.recipient().userId(),
                        now,
                        notification.kind().name(),
                        supervisor,
                        notification.sendCount()))
                .toList();
        reminders.escalate(notification.notificationId(), notification.sendCount(), now, events);
    }
}
