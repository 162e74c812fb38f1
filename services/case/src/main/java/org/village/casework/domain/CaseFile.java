package org.village.casework.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseClosed;
import org.village.events.CaseEvent;
import org.village.events.ConsentGranted;
import org.village.events.ConsentRevoked;
import org.village.events.DangerLevel;
import org.village.events.ProtectiveOrderChanged;
import org.village.events.ProtectiveOrderExpiring;
import org.village.events.TaskCancelled;
import org.village.events.TaskCompleted;
import org.village.events.TaskOverdue;
import org.village.events.Vocabulary;

/**
 * A case as advocates and supervisors work it: who, how dangerous, what is due, the survivor's consents,
 * protective orders and safety plan, and what happened. Every command returns a {@link Change}; nothing here
 * touches storage.
 */
public record CaseFile(
        String caseId,
        String intakeId,
        String agencyId,
        String departmentId,
        String officerId,
        DangerLevel dangerLevel,
        CaseStatus status,
        @Nullable String advocate,
        Instant openedAt,
        List<Task> tasks,
        List<TimelineEntry> timeline,
        int pendingReferrals,
        List<Consent> consents,
        List<ProtectiveOrder> protectiveOrders,
        @Nullable Closure closure,
        long version) {

    public CaseFile {
        tasks = List.copyOf(tasks);
        timeline = List.copyOf(timeline);
        consents = List.copyOf(consents);
        protectiveOrders = List.copyOf(protectiveOrders);
    }

    /** A newly opened case. */
    public static CaseFile opened(
            String caseId,
            String intakeId,
            String agencyId,
            String departmentId,
            String officerId,
            DangerLevel dangerLevel,
            @Nullable String advocate,
            Instant openedAt,
            List<Task> tasks,
            List<TimelineEntry> timeline) {
        return new CaseFile(
                caseId,
                intakeId,
                agencyId,
                departmentId,
                officerId,
                dangerLevel,
                CaseStatus.OPEN,
                advocate,
                openedAt,
                tasks,
                timeline,
                0,
                List.of(),
                List.of(),
                null,
                1);
    }

    /** The earliest due time of the tasks still to be done. */
    public @Nullable Instant nextDueAt() {
        return tasks.stream()
                .filter(Task::isOpen)
                .map(Task::dueAt)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    public long overdueTasks(Instant now) {
        return tasks.stream().filter(t -> t.statusAt(now) == TaskStatus.OVERDUE).count();
    }

    public long dueBy(Instant end) {
        return tasks.stream().filter(t -> t.isOpen() && !t.dueAt().isAfter(end)).count();
    }

    public Optional<Task> task(String taskId) {
        return tasks.stream().filter(t -> t.taskId().equals(taskId)).findFirst();
    }

    private void requireActive() {
        if (status == CaseStatus.CLOSED) {
            throw CaseRuleViolation.conflict("The case is closed");
        }
    }

    /** D2: a supervisor gives the case to another advocate of the agency; open advocate tasks move along. */
    public Change reassign(String newAdvocate, String by, Instant now) {
        requireActive();
        if (newAdvocate.equals(advocate)) {
            return Change.none(this);
        }
        List<CaseEvent> events = new ArrayList<>();
        events.add(new AdvocateAssigned(caseId, newAdvocate, advocate, now));
        List<Task> moved = new ArrayList<>();
        for (Task task : tasks) {
            if (task.isOpen() && "ADVOCATE".equals(task.assigneeRole())) {
                Task reassigned = task.assignedTo(newAdvocate);
                moved.add(reassigned);
                events.add(reassigned.scheduled(caseId));
            } else {
                moved.add(task);
            }
        }
        CaseFile next = new CaseFile(
                caseId,
                intakeId,
                agencyId,
                departmentId,
                officerId,
                dangerLevel,
                status,
                newAdvocate,
                openedAt,
                moved,
                timeline,
                pendingReferrals,
                consents,
                protectiveOrders,
                closure,
                version);
        return new Change(
                next,
                events,
                List.of(new TimelineEntry(
                        now, "ADVOCATE_ASSIGNED", by, "Reassigned from " + advocate + " to " + newAdvocate)));
    }

    /** The most open tasks one case may hold: a case document stays bounded. */
    public static final int MAX_OPEN_TASKS = 100;

    /** Adds a task (an advocate's reminder, an officer's follow-up) to the case. */
    public Change addTask(Task task, String by) {
        requireActive();
        if (task(task.taskId()).isPresent()) {
            return Change.none(this);
        }
        if (tasks.stream().filter(Task::isOpen).count() >= MAX_OPEN_TASKS) {
            throw CaseRuleViolation.conflict("The case already has " + MAX_OPEN_TASKS
                    + " open tasks: complete or cancel some before adding more");
        }
        List<Task> next = new ArrayList<>(tasks);
        next.add(task);
        return new Change(
                withTasks(next),
                List.of(task.scheduled(caseId)),
                List.of(new TimelineEntry(
                        task.createdAt(),
                        "TASK_SCHEDULED",
                        by,
                        task.kind() + " for " + task.assignee() + " due " + task.dueAt())));
    }

    /** Only the assignee completes a task; completing it again changes nothing. */
    public Change completeTask(String taskId, String by, @Nullable String outcome, Instant now) {
        Task task = task(taskId).orElseThrow(() -> CaseRuleViolation.notFound("Task " + taskId));
        if (!task.assignee().equals(by)) {
            throw CaseRuleViolation.forbidden("Only the task's assignee completes it");
        }
        if (task.status() == TaskStatus.DONE) {
            return Change.none(this);
        }
        if (task.status() == TaskStatus.CANCELLED) {
            throw CaseRuleViolation.conflict("The task was cancelled");
        }
        List<Task> next = replace(task, task.done(now, outcome));
        return new Change(
                withTasks(next),
                List.of(new TaskCompleted(taskId, caseId, by, now)),
                List.of(new TimelineEntry(now, "TASK_COMPLETED", by, task.kind() + " done")));
    }

    /** D2: tasks past their due time become OVERDUE, each once. */
    public Change markOverdue(Instant now) {
        List<CaseEvent> events = new ArrayList<>();
        List<TimelineEntry> entries = new ArrayList<>();
        List<Task> next = new ArrayList<>();
        for (Task task : tasks) {
            if (task.status() == TaskStatus.OPEN && !task.dueAt().isAfter(now)) {
                next.add(task.withStatus(TaskStatus.OVERDUE));
                events.add(new TaskOverdue(task.taskId(), caseId, task.assignee(), now));
                entries.add(new TimelineEntry(
                        now, "TASK_OVERDUE", "system", task.kind() + " for " + task.assignee() + " is overdue"));
            } else {
                next.add(task);
            }
        }
        return events.isEmpty() ? Change.none(this) : new Change(withTasks(next), events, entries);
    }

    /** D3: records a consent (already checked by {@link Consent#give}). */
    public Change grantConsent(Consent consent, String by) {
        requireActive();
        if (consents.stream().anyMatch(c -> c.consentId().equals(consent.consentId()))) {
            return Change.none(this);
        }
        List<Consent> next = new ArrayList<>(consents);
        next.add(consent);
        return new Change(
                withConsents(next),
                List.of(new ConsentGranted(
                        consent.consentId(),
                        caseId,
                        consent.recipientType(),
                        consent.recipientId(),
                        consent.scope(),
                        consent.expiresAt())),
                List.of(new TimelineEntry(
                        consent.givenAt(),
                        "CONSENT_GRANTED",
                        by,
                        "Consent to share " + consent.scope() + " with " + consent.recipientId() + " until "
                                + consent.expiresAt())));
    }

    /** D3: revocation takes effect at once; revoking again changes nothing. */
    public Change revokeConsent(String consentId, String by, Instant now) {
        Consent consent = consents.stream()
                .filter(c -> c.consentId().equals(consentId))
                .findFirst()
                .orElseThrow(() -> CaseRuleViolation.notFound("Consent " + consentId));
        if (consent.revokedAt() != null) {
            return Change.none(this);
        }
        List<Consent> next = consents.stream()
                .map(c -> c.consentId().equals(consent.consentId()) ? c.revoke(now) : c)
                .toList();
        return new Change(
                withConsents(next),
                List.of(new ConsentRevoked(consentId, caseId, consent.recipientId(), now)),
                List.of(new TimelineEntry(
                        now, "CONSENT_REVOKED", by, "Consent for " + consent.recipientId() + " revoked")));
    }

    public Change addProtectiveOrder(ProtectiveOrder order, String by) {
        requireActive();
        if (protectiveOrders.stream().anyMatch(o -> o.orderId().equals(order.orderId()))) {
            return Change.none(this);
        }
        List<ProtectiveOrder> next = new ArrayList<>(protectiveOrders);
        next.add(order);
        return new Change(
                withOrders(next),
                List.of(changed(order)),
                List.of(new TimelineEntry(
                        order.createdAt(),
                        "PROTECTIVE_ORDER",
                        by,
                        "Protective order " + order.status() + orderDates(order))));
    }

    public Change changeProtectiveOrder(
            String orderId,
            @Nullable OrderStatus newStatus,
            @Nullable LocalDate courtDate,
            @Nullable Instant expiresAt,
            String by,
            Instant now) {
        ProtectiveOrder order = protectiveOrders.stream()
                .filter(o -> o.orderId().equals(orderId))
                .findFirst()
                .orElseThrow(() -> CaseRuleViolation.notFound("Protective order " + orderId));
        ProtectiveOrder changed = order.with(
                newStatus == null ? order.status() : newStatus,
                courtDate == null ? order.courtDate() : courtDate,
                expiresAt == null ? order.expiresAt() : expiresAt);
        if (changed.equals(order)) {
            return Change.none(this);
        }
        List<ProtectiveOrder> next = protectiveOrders.stream()
                .map(o -> o.orderId().equals(order.orderId()) ? changed : o)
                .toList();
        return new Change(
                withOrders(next),
                List.of(changed(changed)),
                List.of(new TimelineEntry(
                        now,
                        "PROTECTIVE_ORDER",
                        by,
                        "Protective order now " + changed.status() + orderDates(changed))));
    }

    /** D2: orders in force that expire within the window produce one reminder per expiry date. */
    public Change remindExpiringOrders(Instant now, Duration window) {
        Instant horizon = now.plus(window);
        List<CaseEvent> events = new ArrayList<>();
        List<TimelineEntry> entries = new ArrayList<>();
        List<ProtectiveOrder> next = new ArrayList<>();
        String followUpAssignee = tasks.stream()
                .filter(t -> "OFFICER".equals(t.assigneeRole()))
                .map(Task::assignee)
                .findFirst()
                .orElse(officerId);
        for (ProtectiveOrder order : protectiveOrders) {
            if (order.reminderDue(now, horizon)) {
                next.add(order.reminded());
                events.add(new ProtectiveOrderExpiring(
                        caseId,
                        order.orderId(),
                        Objects.requireNonNull(order.expiresAt(), "an order due a reminder expires"),
                        advocate,
                        followUpAssignee));
                entries.add(new TimelineEntry(
                        now, "PROTECTIVE_ORDER_EXPIRING", "system", "Protective order expires " + order.expiresAt()));
            } else {
                next.add(order);
            }
        }
        return events.isEmpty() ? Change.none(this) : new Change(withOrders(next), events, entries);
    }

    /** D2: the advocate asks to close the case, with a reason. */
    public Change requestClosure(String reason, String note, String by, Instant now) {
        requireActive();
        if (!Closure.REASONS.contains(reason)) {
            throw CaseRuleViolation.invalid("reason", "{one-of}", Vocabulary.CLOSURE_REASONS);
        }
        if (status == CaseStatus.CLOSURE_REQUESTED) {
            return Change.none(this);
        }
        Closure requested = new Closure(reason, note, by, now, null, null);
        CaseFile next = new CaseFile(
                caseId,
                intakeId,
                agencyId,
                departmentId,
                officerId,
                dangerLevel,
                CaseStatus.CLOSURE_REQUESTED,
                advocate,
                openedAt,
                tasks,
                timeline,
                pendingReferrals,
                consents,
                protectiveOrders,
                requested,
                version);
        return new Change(
                next,
                List.of(),
                List.of(new TimelineEntry(now, "CLOSURE_REQUESTED", by, "Closure requested: " + reason)));
    }

    /** D2: a supervisor approves the closure; open tasks are cancelled, pending referrals revoked downstream. */
    public Change close(String by, Instant now) {
        if (status == CaseStatus.CLOSED) {
            return Change.none(this);
        }
        if (status != CaseStatus.CLOSURE_REQUESTED) {
            throw CaseRuleViolation.conflict("The advocate has not asked to close this case");
        }
        List<CaseEvent> events = new ArrayList<>();
        List<Task> next = new ArrayList<>();
        for (Task task : tasks) {
            if (task.isOpen()) {
                next.add(task.withStatus(TaskStatus.CANCELLED));
                events.add(new TaskCancelled(task.taskId(), caseId, task.assignee(), now));
            } else {
                next.add(task);
            }
        }
        Closure requested = Objects.requireNonNull(closure, "a case awaiting closure holds its request");
        events.add(new CaseClosed(caseId, now, requested.reason()));
        Closure closed = new Closure(
                requested.reason(), requested.note(), requested.requestedBy(), requested.requestedAt(), by, now);
        CaseFile file = new CaseFile(
                caseId,
                intakeId,
                agencyId,
                departmentId,
                officerId,
                dangerLevel,
                CaseStatus.CLOSED,
                advocate,
                openedAt,
                next,
                timeline,
                pendingReferrals,
                consents,
                protectiveOrders,
                closed,
                version);
        return new Change(
                file, events, List.of(new TimelineEntry(now, "CASE_CLOSED", by, "Case closed: " + closure.reason())));
    }

    private ProtectiveOrderChanged changed(ProtectiveOrder order) {
        return new ProtectiveOrderChanged(
                caseId, order.orderId(), order.status().name(), order.courtDate(), order.expiresAt());
    }

    private static String orderDates(ProtectiveOrder order) {
        return (order.courtDate() == null ? "" : ", court " + order.courtDate())
                + (order.expiresAt() == null ? "" : ", expires " + order.expiresAt());
    }

    private List<Task> replace(Task old, Task updated) {
        return tasks.stream()
                .map(t -> t.taskId().equals(old.taskId()) ? updated : t)
                .toList();
    }

    private CaseFile withTasks(List<Task> next) {
        return new CaseFile(
                caseId,
                intakeId,
                agencyId,
                departmentId,
                officerId,
                dangerLevel,
                status,
                advocate,
                openedAt,
                next,
                timeline,
                pendingReferrals,
                consents,
                protectiveOrders,
                closure,
                version);
    }

    private CaseFile withConsents(List<Consent> next) {
        return new CaseFile(
                caseId,
                intakeId,
                agencyId,
                departmentId,
                officerId,
                dangerLevel,
                status,
                advocate,
                openedAt,
                tasks,
                timeline,
                pendingReferrals,
                next,
                protectiveOrders,
                closure,
                version);
    }

    private CaseFile withOrders(List<ProtectiveOrder> next) {
        return new CaseFile(
                caseId,
                intakeId,
                agencyId,
                departmentId,
                officerId,
                dangerLevel,
                status,
                advocate,
                openedAt,
                tasks,
                timeline,
                pendingReferrals,
                consents,
                next,
                closure,
                version);
    }
}
