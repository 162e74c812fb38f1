package org.village.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseClosed;
import org.village.events.ConsentGranted;
import org.village.events.ConsentRevoked;
import org.village.events.DangerLevel;
import org.village.events.Priority;
import org.village.events.ProtectiveOrderExpiring;
import org.village.events.TaskCancelled;
import org.village.events.TaskOverdue;
import org.village.events.TaskScheduled;

/** D2 and D3 rules on a case. */
class CaseFileTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final Set<String> SHELTERS = Set.of("harbor-house", "safe-haven");

    private static CaseFile open() {
        List<Task> tasks = List.of(
                Task.open(
                        "c:FIRST",
                        "ADVOCATE_FIRST_CONTACT",
                        "advocate.avery",
                        "ADVOCATE",
                        NOW.plus(Duration.ofHours(24)),
                        Priority.HIGH,
                        NOW,
                        null),
                Task.open(
                        "c:WELFARE",
                        "OFFICER_WELFARE_CHECK",
                        "officer.reyes",
                        "OFFICER",
                        NOW.plus(Duration.ofHours(72)),
                        Priority.HIGH,
                        NOW,
                        null));
        return CaseFile.opened(
                "c",
                "i",
                "bridges",
                "riverside-pd",
                "officer.reyes",
                DangerLevel.HIGH,
                "advocate.avery",
                NOW,
                tasks,
                List.of());
    }

    @Test
    void reassignmentMovesOpenAdvocateTasksToTheNewAdvocate() {
        Change change = open().reassign("advocate.blake", "supervisor.sam", NOW);

        assertThat(change.next().advocate()).isEqualTo("advocate.blake");
        assertThat(change.next().task("c:FIRST").orElseThrow().assignee()).isEqualTo("advocate.blake");
        assertThat(change.next().task("c:WELFARE").orElseThrow().assignee()).isEqualTo("officer.reyes");
        assertThat(change.events().get(0))
                .isEqualTo(new AdvocateAssigned("c", "advocate.blake", "advocate.avery", NOW));
        assertThat(change.events()).filteredOn(TaskScheduled.class::isInstance).hasSize(1);
    }

    @Test
    void onlyTheAssigneeCompletesATaskAndOnlyOnce() {
        assertThatThrownBy(() -> open().completeTask("c:FIRST", "advocate.blake", null, NOW))
                .isInstanceOf(CaseRuleViolation.class)
                .extracting(e -> ((CaseRuleViolation) e).kind())
                .isEqualTo(CaseRuleViolation.Kind.FORBIDDEN);

        Change done = open().completeTask("c:FIRST", "advocate.avery", "Reached her by phone", NOW);
        assertThat(done.next().task("c:FIRST").orElseThrow().status()).isEqualTo(TaskStatus.DONE);
        assertThat(done.next()
                        .completeTask("c:FIRST", "advocate.avery", null, NOW)
                        .isEmpty())
                .isTrue();
    }

    @Test
    void aTaskPastItsDueTimeBecomesOverdueOnce() {
        Instant later = NOW.plus(Duration.ofHours(25));
        Change first = open().markOverdue(later);

        assertThat(first.events()).containsExactly(new TaskOverdue("c:FIRST", "c", "advocate.avery", later));
        assertThat(first.next().task("c:FIRST").orElseThrow().status()).isEqualTo(TaskStatus.OVERDUE);
        assertThat(first.next().markOverdue(later.plusSeconds(60)).isEmpty()).isTrue();
    }

    @Test
    void closureNeedsTheAdvocatesRequestThenCancelsOpenTasks() {
        assertThatThrownBy(() -> open().close("supervisor.sam", NOW)).isInstanceOf(CaseRuleViolation.class);
        assertThatThrownBy(() -> open().requestClosure("BECAUSE", null, "advocate.avery", NOW))
                .isInstanceOf(CaseRuleViolation.class);

        CaseFile requested = open().requestClosure("SAFE_AND_STABLE", "Moved in with family", "advocate.avery", NOW)
                .next();
        assertThat(requested.status()).isEqualTo(CaseStatus.CLOSURE_REQUESTED);
        Change closed = requested.close("supervisor.sam", NOW);

        assertThat(closed.next().status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(closed.next().tasks()).allMatch(t -> t.status() == TaskStatus.CANCELLED);
        assertThat(closed.events()).filteredOn(TaskCancelled.class::isInstance).hasSize(2);
        assertThat(closed.events()).contains(new CaseClosed("c", NOW, "SAFE_AND_STABLE"));
        assertThatThrownBy(() -> closed.next()
                        .addTask(
                                Task.open(
                                        "c:x",
                                        "CALL",
                                        "advocate.avery",
                                        "ADVOCATE",
                                        NOW.plusSeconds(7200),
                                        Priority.NORMAL,
                                        NOW,
                                        null),
                                "advocate.avery"))
                .isInstanceOf(CaseRuleViolation.class);
    }

    private static Consent consent(List<String> scope, String recipient, Instant givenAt, Instant expiresAt) {
        return Consent.give("k", "SHELTER", recipient, SHELTERS, scope, "WRITTEN", givenAt, expiresAt, NOW);
    }

    @Test
    void consentNeedsAScopeAKnownRecipientAndAnExpiryWithinNinetyDays() {
        assertField(() -> consent(List.of(), "harbor-house", null, NOW.plus(Duration.ofDays(30))), "scope");
        assertField(() -> consent(List.of("SHOE_SIZE"), "harbor-house", null, NOW.plus(Duration.ofDays(30))), "scope");
        assertField(
                () -> consent(List.of("FIRST_NAME"), "unknown-shelter", null, NOW.plus(Duration.ofDays(30))),
                "recipientId");
        assertField(() -> consent(List.of("FIRST_NAME"), "harbor-house", null, NOW.minusSeconds(1)), "expiresAt");
        assertField(
                () -> consent(
                        List.of("FIRST_NAME"),
                        "harbor-house",
                        NOW.minus(Duration.ofDays(10)),
                        NOW.plus(Duration.ofDays(81))),
                "expiresAt");
        assertField(
                () -> consent(
                        List.of("FIRST_NAME"), "harbor-house", NOW.plusSeconds(60), NOW.plus(Duration.ofDays(30))),
                "givenAt");
        assertField(
                () -> Consent.give(
                        "k",
                        "SHELTER",
                        "harbor-house",
                        SHELTERS,
                        List.of("NEEDS"),
                        "ORAL",
                        null,
                        NOW.plus(Duration.ofDays(30)),
                        NOW),
                "form");

        Consent ninetyDays = consent(List.of("FIRST_NAME"), "harbor-house", null, NOW.plus(Duration.ofDays(90)));
        assertThat(ninetyDays.givenAt()).isEqualTo(NOW);
        assertThat(ninetyDays.statusAt(NOW)).isEqualTo("ACTIVE");
        assertThat(ninetyDays.statusAt(NOW.plus(Duration.ofDays(91)))).isEqualTo("EXPIRED");
    }

    @Test
    void revokingAConsentTakesEffectAtOnceAndOnlyOnce() {
        Consent given = consent(List.of("FIRST_NAME", "NEEDS"), "harbor-house", null, NOW.plus(Duration.ofDays(30)));
        Change granted = open().grantConsent(given, "advocate.avery");
        assertThat(granted.events().get(0)).isInstanceOf(ConsentGranted.class);

        Change revoked = granted.next().revokeConsent("k", "advocate.avery", NOW.plusSeconds(5));
        assertThat(revoked.events()).containsExactly(new ConsentRevoked("k", "c", "harbor-house", NOW.plusSeconds(5)));
        assertThat(revoked.next().consents().get(0).statusAt(NOW.plusSeconds(6)))
                .isEqualTo("REVOKED");
        assertThat(revoked.next()
                        .revokeConsent("k", "advocate.avery", NOW.plusSeconds(9))
                        .isEmpty())
                .isTrue();
    }

    @Test
    void anOrderExpiringWithinSevenDaysRemindsTheAdvocateAndTheOfficerOnce() {
        ProtectiveOrder order =
                new ProtectiveOrder("o", OrderStatus.TEMPORARY, null, NOW.plus(Duration.ofDays(10)), NOW, null);
        CaseFile withOrder = open().addProtectiveOrder(order, "advocate.avery").next();

        assertThat(withOrder.remindExpiringOrders(NOW, Duration.ofDays(7)).isEmpty())
                .isTrue();
        Instant fourDaysLater = NOW.plus(Duration.ofDays(4));
        Change reminder = withOrder.remindExpiringOrders(fourDaysLater, Duration.ofDays(7));
        assertThat(reminder.events())
                .containsExactly(
                        new ProtectiveOrderExpiring("c", "o", order.expiresAt(), "advocate.avery", "officer.reyes"));
        assertThat(reminder.next()
                        .remindExpiringOrders(fourDaysLater.plusSeconds(3600), Duration.ofDays(7))
                        .isEmpty())
                .isTrue();

        Change extended = reminder.next()
                .changeProtectiveOrder(
                        "o", OrderStatus.FINAL, null, NOW.plus(Duration.ofDays(365)), "advocate.avery", fourDaysLater);
        assertThat(extended.next()
                        .remindExpiringOrders(NOW.plus(Duration.ofDays(360)), Duration.ofDays(7))
                        .events())
                .hasSize(1);
    }

    @Test
    void aDismissedOrderNeedsNoReminder() {
        ProtectiveOrder dismissed =
                new ProtectiveOrder("o", OrderStatus.DISMISSED, null, NOW.plus(Duration.ofDays(2)), NOW, null);
        assertThat(open().addProtectiveOrder(dismissed, "advocate.avery")
                        .next()
                        .remindExpiringOrders(NOW, Duration.ofDays(7))
                        .isEmpty())
                .isTrue();
    }

    private static void assertField(Runnable action, String field) {
        assertThatThrownBy(action::run)
                .isInstanceOf(CaseRuleViolation.class)
                .extracting(e -> ((CaseRuleViolation) e).field())
                .isEqualTo(field);
    }
}
