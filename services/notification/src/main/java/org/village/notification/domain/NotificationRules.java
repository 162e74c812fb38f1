package org.village.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.village.events.AdvocateAssigned;
import org.village.events.DangerLevel;
import org.village.events.Priority;
import org.village.events.TaskScheduled;

/**
 * D5 routing: which event tells whom what, how urgently. One rule per event type; the words name ids,
 * roles and due times, never what the survivor said, and never a shelter to an officer.
 *
 * <pre>
 * event                     kind            to                          priority
 * case.advocate-assigned    CASE_ASSIGNED   the advocate                URGENT if the case is HIGH, else HIGH
 * case.advocate-assigned    CASE_OPENED     the submitting officer      NORMAL (first assignment only)
 * case.task-scheduled       TASK_SCHEDULED  the assignee                NORMAL, URGENT when due within 1 h
 * </pre>
 */
public final class NotificationRules {

    /** A task due this soon after it was scheduled is announced as URGENT. */
    public static final Duration URGENT_TASK_WINDOW = Duration.ofHours(1);

    private NotificationRules() {
    }

    public static List<Draft> advocateAssigned(AdvocateAssigned event, CaseRef ref) {
        List<Draft> drafts = new ArrayList<>();
        boolean high = ref.dangerLevel() == DangerLevel.HIGH;
        drafts.add(new Draft(event.advocateId(), NotificationKind.CASE_ASSIGNED, high ? Priority.URGENT : Priority.HIGH,
                high ? "New HIGH danger case assigned to you" : "New case assigned to you",
                "Case " + ref.caseId() + " (danger " + ref.dangerLevel() + ") is now yours. "
                        + "Your first contact is in your tasks.", ref.caseId()));
        if (event.previousAdvocateId() == null) {
            drafts.add(new Draft(ref.officerId(), NotificationKind.CASE_OPENED, Priority.NORMAL,
                    "Case opened for your intake",
                    "Advocate " + event.advocateId() + " is working the case opened from your intake "
                            + ref.intakeId() + ".", ref.caseId()));
        }
        return drafts;
    }

    public static Draft taskScheduled(TaskScheduled event, Instant scheduledAt) {
        boolean soon = !event.dueAt().isAfter(scheduledAt.plus(URGENT_TASK_WINDOW));
        Instant due = event.dueAt().truncatedTo(ChronoUnit.MINUTES);
        return new Draft(event.assigneeId(), NotificationKind.TASK_SCHEDULED, soon ? Priority.URGENT : Priority.NORMAL,
                label(event.kind()) + " due " + due,
                "Task assigned to you: " + label(event.kind()).toLowerCase(Locale.ROOT) + ", due " + due
                        + " (UTC). See your tasks.", event.caseId());
    }

    /** ADVOCATE_FIRST_CONTACT → "Advocate first contact". */
    static String label(String kind) {
        String words = kind.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
