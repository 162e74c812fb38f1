package org.village.reporting.events;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.village.events.BedAvailabilityChanged;
import org.village.events.CaseClosed;
import org.village.events.CaseOpened;
import org.village.events.IntakeSubmitted;
import org.village.events.NotificationAcknowledged;
import org.village.events.NotificationEscalated;
import org.village.events.NotificationSent;
import org.village.events.ReferralOutcome;
import org.village.events.ReferralRequested;
import org.village.events.TaskCancelled;
import org.village.events.TaskCompleted;
import org.village.events.TaskOverdue;
import org.village.events.TaskScheduled;
import org.village.events.Topics;
import org.village.messaging.InboundEvent;
import org.village.messaging.InboundEvents;
import org.village.reporting.store.CaseworkStore;
import org.village.reporting.store.ProjectionWrites;
import org.village.reporting.store.ScreenStore;

/**
 * Projects the events the reports count. Every projection is idempotent (an event applied twice, or a topic read
 * again from its beginning, leaves the same figures), so a rebuild is: forget, then read every topic again.
 */
@Component
public class ReportedEvents extends AbstractConsumerSeekAware {

    private final ScreenStore screens;
    private final CaseworkStore casework;

    public ReportedEvents(ScreenStore screens, CaseworkStore casework) {
        this.screens = screens;
        this.casework = casework;
    }

    /**
     * A poll's records, applied in order and written together ({@link ProjectionWrites}). A record that fails is
     * named to the error handler with what came before it written: those are committed, it is retried (or, if it
     * can never be an event, dead-lettered) and the ones after it are read again.
     */
    @KafkaListener(
            topics = {Topics.INTAKE_EVENTS, Topics.CASE_EVENTS, Topics.REFERRAL_EVENTS, Topics.NOTIFICATION_EVENTS},
            batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        int[] at = {0};
        try {
            ProjectionWrites.collect(() -> {
                for (; at[0] < records.size(); at[0]++) {
                    InboundEvents.decode(records.get(at[0])).ifPresent(this::apply);
                }
            });
        } catch (ProjectionWrites.NotWritten e) {
            throw e; // the whole batch again: every projection is idempotent
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException(String.valueOf(e.getMessage()), e, at[0]);
        }
    }

    private void apply(InboundEvent<?> event) {
        Object data = event.data();
        if (data instanceof IntakeSubmitted submitted) {
            screens.submitted(submitted);
        } else if (data instanceof CaseOpened opened) {
            screens.caseOpened(opened);
            casework.opened(opened);
        } else if (data instanceof CaseClosed closed) {
            casework.closed(closed);
        } else if (data instanceof TaskScheduled scheduled) {
            casework.scheduled(scheduled);
        } else if (data instanceof TaskCompleted completed) {
            casework.completed(completed);
        } else if (data instanceof TaskOverdue overdue) {
            casework.overdue(overdue);
        } else if (data instanceof TaskCancelled cancelled) {
            casework.cancelled(cancelled);
        } else if (data instanceof ReferralRequested requested) {
            casework.requested(requested, event.time());
        } else if (data instanceof ReferralOutcome outcome) {
            casework.ended(outcome);
        } else if (data instanceof BedAvailabilityChanged beds) {
            casework.beds(event.id(), beds, event.time());
        } else if (data instanceof NotificationSent sent) {
            casework.sent(sent);
        } else if (data instanceof NotificationAcknowledged acknowledged) {
            casework.acknowledged(acknowledged);
        } else if (data instanceof NotificationEscalated escalated) {
            casework.escalated(escalated);
        }
    }

    /** Forgets every projection and reads every topic again from its beginning. */
    public void rebuild() {
        screens.clear();
        casework.clear();
        seekToBeginning();
    }
}
