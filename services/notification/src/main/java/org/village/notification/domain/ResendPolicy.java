package org.village.notification.domain;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.village.events.Priority;

/**
 * D5 re-notification: an unacknowledged notification of a priority is re-sent every {@code every}, {@code resends}
 * times; one period after the last re-send it is escalated to the supervisors. Escalations are re-sent but never
 * escalated again.
 */
public record ResendPolicy(Duration every, int resends) {

    /** What the sweep does with a notification that is due. */
    public enum Step {
        RESEND,
        ESCALATE,
        STOP
    }

    /** When an acknowledgment-requiring notification created or re-sent at {@code sent} is next looked at. */
    public Instant nextAction(Instant sent) {
        return sent.plus(every);
    }

    public Step next(NotificationKind kind, int sendCount) {
        if (sendCount <= resends) {
            return Step.RESEND;
        }
        return kind == NotificationKind.ESCALATION ? Step.STOP : Step.ESCALATE;
    }

    /** The policies of D5, keyed by priority; NORMAL notifications are never re-sent. */
    public record ByPriority(ResendPolicy urgent, ResendPolicy high) {

        public static final ByPriority D5 =
                new ByPriority(new ResendPolicy(Duration.ofMinutes(15), 4), new ResendPolicy(Duration.ofHours(1), 1));

        public @Nullable ResendPolicy of(Priority priority) {
            return switch (priority) {
                case URGENT -> urgent;
                case HIGH -> high;
                default -> null;
            };
        }
    }
}
