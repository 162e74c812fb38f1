package org.village.casework.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.village.casework.domain.CaseFile;
import org.village.casework.domain.Closure;
import org.village.casework.domain.Consent;
import org.village.casework.domain.ProtectiveOrder;
import org.village.casework.domain.SafetyPlan;
import org.village.casework.domain.Task;
import org.village.casework.domain.TimelineEntry;
import org.village.casework.store.CaseStore;

/** What the case API answers. None of it carries the survivor's personal data: that stays in intake-service. */
final class CaseViews {

    private CaseViews() {}

    /** A line of a caseload list. */
    record CaseItem(
            String caseId,
            String intakeId,
            String dangerLevel,
            String status,
            @Nullable String advocate,
            Instant openedAt,
            @Nullable Instant nextDueAt,
            long overdueTasks,
            int pendingReferrals) {
        static CaseItem of(CaseFile file, Instant now) {
            return new CaseItem(
                    file.caseId(),
                    file.intakeId(),
                    file.dangerLevel().name(),
                    file.status().name(),
                    file.advocate(),
                    file.openedAt(),
                    file.nextDueAt(),
                    file.overdueTasks(now),
                    file.pendingReferrals());
        }
    }

    /** A task as its assignee sees it: the task itself, never the case's details. */
    record TaskItem(
            String taskId,
            String caseId,
            String kind,
            Instant dueAt,
            String status,
            String priority,
            String assignee,
            @Nullable String note,
            Instant createdAt,
            @Nullable Instant completedAt,
            @Nullable String outcome) {
        static TaskItem of(String caseId, Task task, Instant now) {
            return new TaskItem(
                    task.taskId(),
                    caseId,
                    task.kind(),
                    task.dueAt(),
                    task.statusAt(now).name(),
                    task.priority().name(),
                    task.assignee(),
                    task.note(),
                    task.createdAt(),
                    task.completedAt(),
                    task.outcome());
        }
    }

    /** A consent with its status now. */
    record ConsentItem(
            String consentId,
            String recipientType,
            String recipientId,
            List<String> scope,
            String form,
            Instant givenAt,
            Instant expiresAt,
            @Nullable Instant revokedAt,
            String status) {
        static ConsentItem of(Consent c, Instant now) {
            return new ConsentItem(
                    c.consentId(),
                    c.recipientType(),
                    c.recipientId(),
                    c.scope(),
                    c.form(),
                    c.givenAt(),
                    c.expiresAt(),
                    c.revokedAt(),
                    c.statusAt(now));
        }
    }

    /** A protective order. */
    record OrderItem(
            String orderId,
            String status,
            @Nullable LocalDate courtDate,
            @Nullable Instant expiresAt,
            Instant createdAt) {
        static OrderItem of(ProtectiveOrder o) {
            return new OrderItem(o.orderId(), o.status().name(), o.courtDate(), o.expiresAt(), o.createdAt());
        }
    }

    /** The safety plan, or that its contents were erased with the survivor's data. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SafetyPlanView(
            long version,
            @Nullable List<String> steps,
            @Nullable List<String> safeContacts,
            @Nullable String notes,
            Instant updatedAt,
            String updatedBy,
            @Nullable Boolean erased) {
        static SafetyPlanView of(SafetyPlan plan, boolean erased) {
            return erased
                    ? new SafetyPlanView(plan.version(), null, null, null, plan.updatedAt(), plan.updatedBy(), true)
                    : new SafetyPlanView(
                            plan.version(),
                            plan.steps(),
                            plan.safeContacts(),
                            plan.notes(),
                            plan.updatedAt(),
                            plan.updatedBy(),
                            null);
        }
    }

    /** The whole case, for its advocate and the agency's supervisors. */
    record CaseDetail(
            String caseId,
            String intakeId,
            String status,
            String dangerLevel,
            @Nullable String advocate,
            String agencyId,
            String officerId,
            Instant openedAt,
            List<TaskItem> tasks,
            List<ConsentItem> consents,
            List<OrderItem> protectiveOrders,
            @Nullable SafetyPlanView safetyPlan,
            @Nullable Closure closure,
            List<TimelineEntry> timeline,
            long version) {
        static CaseDetail of(CaseFile file, CaseStore.@Nullable SafetyPlanRead plan, Instant now) {
            List<TimelineEntry> newestFirst = new ArrayList<>(file.timeline());
            Collections.reverse(newestFirst);
            return new CaseDetail(
                    file.caseId(),
                    file.intakeId(),
                    file.status().name(),
                    file.dangerLevel().name(),
                    file.advocate(),
                    file.agencyId(),
                    file.officerId(),
                    file.openedAt(),
                    file.tasks().stream()
                            .map(t -> TaskItem.of(file.caseId(), t, now))
                            .toList(),
                    file.consents().stream().map(c -> ConsentItem.of(c, now)).toList(),
                    file.protectiveOrders().stream().map(OrderItem::of).toList(),
                    plan == null ? null : SafetyPlanView.of(plan.plan(), plan.erased()),
                    file.closure(),
                    newestFirst,
                    file.version());
        }
    }

    /** Counts over a caseload. */
    record Caseload(long openCases, long highDanger, long overdueTasks, long dueToday, long pendingReferrals) {}
}
