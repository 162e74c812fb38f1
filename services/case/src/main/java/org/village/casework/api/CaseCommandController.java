package org.village.casework.api;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.village.casework.CaseProperties;
import org.village.casework.domain.AgencyStaff;
import org.village.casework.domain.CaseFile;
import org.village.casework.domain.CaseRuleViolation;
import org.village.casework.domain.Change;
import org.village.casework.domain.Consent;
import org.village.casework.domain.NewTasks;
import org.village.casework.domain.OrderStatus;
import org.village.casework.domain.ProtectiveOrder;
import org.village.casework.domain.SafetyPlan;
import org.village.casework.domain.Task;
import org.village.casework.domain.TimelineEntry;
import org.village.casework.store.CaseStore;
import org.village.security.Caller;
import org.village.security.audit.AuditEntry.Outcome;
import org.village.security.audit.AuditTrail;
import org.village.web.ApiProblem;
import org.village.web.IdempotencyKeys;

/**
 * Everything advocates and supervisors do to a case (D2, D3). Each request is checked against who may do it,
 * applied as one versioned change, honours {@code Idempotency-Key}, and is audited.
 */
@RestController
public class CaseCommandController {

    private final CaseStore store;
    private final CaseProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    public CaseCommandController(CaseStore store, CaseProperties properties, AuditTrail audit, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping("/api/cases/{caseId}/assignment")
    public CaseViews.CaseDetail assign(
            Caller caller,
            @PathVariable String caseId,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @Valid @RequestBody CaseRequests.Assignment request) {
        CaseFile file = permitted(
                caller,
                caseId,
                "REASSIGN",
                CaseAccess::maySupervise,
                "Only a supervisor of the agency reassigns a case");
        ruled(() -> {
            staffOf(file).requireAdvocate(request.advocate());
            return file;
        });
        return detail(
                apply(caller, caseId, key, "REASSIGN", f -> f.reassign(request.advocate(), caller.userId(), now())));
    }

    @PostMapping("/api/cases/{caseId}/tasks")
    public ResponseEntity<CaseViews.TaskItem> addTask(
            Caller caller,
            @PathVariable String caseId,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @Valid @RequestBody CaseRequests.NewTask request) {
        CaseFile file = permitted(
                caller,
                caseId,
                "ADD_TASK",
                CaseAccess::mayWork,
                "Only the case's advocate and the agency's supervisors add tasks");
        Instant now = now();
        String taskId = caseId + ":" + IdempotencyKeys.resourceId(caller.userId(), "task:" + caseId, key);
        Task task = ruled(() -> NewTasks.plan(
                file, staffOf(file), taskId, request.kind(), request.assignee(), request.dueAt(), now, request.note()));
        CaseFile after = apply(caller, caseId, null, "ADD_TASK", f -> f.addTask(task, caller.userId()));
        Task stored = after.task(taskId).orElseThrow();
        return ResponseEntity.created(URI.create("/api/tasks/" + taskId))
                .body(CaseViews.TaskItem.of(caseId, stored, now));
    }

    @PostMapping("/api/tasks/{taskId}/complete")
    public CaseViews.TaskItem complete(
            Caller caller,
            @PathVariable String taskId,
            @Valid @RequestBody(required = false) CaseRequests.Completion request) {
        Optional<CaseFile> file = store.findByTask(taskId);
        boolean visible = file.isPresent()
                && (CaseAccess.mayRead(file.get(), caller)
                        || file.get()
                                .task(taskId)
                                .map(t -> t.assignee().equals(caller.userId()))
                                .orElse(false));
        if (!visible) {
            audit.record(
                    caller,
                    "COMPLETE_TASK",
                    "task",
                    taskId,
                    file.map(CaseFile::agencyId).orElse(null),
                    Outcome.DENIED);
            throw ApiProblem.notFound("Task " + taskId);
        }
        String caseId = file.get().caseId();
        String outcome = request == null ? null : request.outcome();
        CaseFile after = apply(
                caller, caseId, null, "COMPLETE_TASK", f -> f.completeTask(taskId, caller.userId(), outcome, now()));
        return CaseViews.TaskItem.of(caseId, after.task(taskId).orElseThrow(), now());
    }

    @PostMapping("/api/cases/{caseId}/consents")
    public ResponseEntity<CaseViews.ConsentItem> grantConsent(
            Caller caller,
            @PathVariable String caseId,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @Valid @RequestBody CaseRequests.NewConsent request) {
        permitted(
                caller,
                caseId,
                "GRANT_CONSENT",
                CaseAccess::mayWork,
                "Only the case's advocate and the agency's supervisors record consents");
        Instant now = now();
        String consentId = IdempotencyKeys.resourceId(caller.userId(), "consent:" + caseId, key);
        Consent consent = ruled(() -> Consent.give(
                consentId,
                request.recipientType(),
                request.recipientId(),
                new HashSet<>(properties.consentRecipients()),
                request.scope(),
                request.form(),
                request.givenAt(),
                request.expiresAt(),
                now));
        CaseFile after = apply(caller, caseId, null, "GRANT_CONSENT", f -> f.grantConsent(consent, caller.userId()));
        Consent stored = after.consents().stream()
                .filter(c -> c.consentId().equals(consentId))
                .findFirst()
                .orElseThrow();
        return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/consents/" + consentId))
                .body(CaseViews.ConsentItem.of(stored, now));
    }

    @DeleteMapping("/api/cases/{caseId}/consents/{consentId}")
    public ResponseEntity<Void> revokeConsent(
            Caller caller, @PathVariable String caseId, @PathVariable String consentId) {
        permitted(
                caller,
                caseId,
                "REVOKE_CONSENT",
                CaseAccess::mayWork,
                "Only the case's advocate and the agency's supervisors revoke consents");
        apply(caller, caseId, null, "REVOKE_CONSENT", f -> f.revokeConsent(consentId, caller.userId(), now()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/cases/{caseId}/protective-orders")
    public ResponseEntity<CaseViews.OrderItem> addOrder(
            Caller caller,
            @PathVariable String caseId,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @Valid @RequestBody CaseRequests.NewOrder request) {
        permitted(
                caller,
                caseId,
                "ADD_PROTECTIVE_ORDER",
                CaseAccess::mayWork,
                "Only the case's advocate and the agency's supervisors record protective orders");
        String orderId = IdempotencyKeys.resourceId(caller.userId(), "order:" + caseId, key);
        ProtectiveOrder order = new ProtectiveOrder(
                orderId, orderStatus(request.status()), request.courtDate(), request.expiresAt(), now(), null);
        CaseFile after =
                apply(caller, caseId, null, "ADD_PROTECTIVE_ORDER", f -> f.addProtectiveOrder(order, caller.userId()));
        ProtectiveOrder stored = after.protectiveOrders().stream()
                .filter(o -> o.orderId().equals(orderId))
                .findFirst()
                .orElseThrow();
        return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/protective-orders/" + orderId))
                .body(CaseViews.OrderItem.of(stored));
    }

    @PatchMapping("/api/cases/{caseId}/protective-orders/{orderId}")
    public CaseViews.OrderItem changeOrder(
            Caller caller,
            @PathVariable String caseId,
            @PathVariable String orderId,
            @Valid @RequestBody CaseRequests.OrderChange request) {
        permitted(
                caller,
                caseId,
                "CHANGE_PROTECTIVE_ORDER",
                CaseAccess::mayWork,
                "Only the case's advocate and the agency's supervisors change protective orders");
        OrderStatus status = request.status() == null ? null : orderStatus(request.status());
        CaseFile after = apply(
                caller,
                caseId,
                null,
                "CHANGE_PROTECTIVE_ORDER",
                f -> f.changeProtectiveOrder(
                        orderId, status, request.courtDate(), request.expiresAt(), caller.userId(), now()));
        return CaseViews.OrderItem.of(after.protectiveOrders().stream()
                .filter(o -> o.orderId().equals(orderId))
                .findFirst()
                .orElseThrow());
    }

    @PutMapping("/api/cases/{caseId}/safety-plan")
    public CaseViews.SafetyPlanView putSafetyPlan(
            Caller caller, @PathVariable String caseId, @Valid @RequestBody CaseRequests.SafetyPlanEdit request) {
        CaseFile file = permitted(
                caller,
                caseId,
                "EDIT_SAFETY_PLAN",
                CaseAccess::mayWork,
                "Only the case's advocate and the agency's supervisors edit the safety plan");
        Instant now = now();
        SafetyPlan plan = new SafetyPlan(
                request.version() + 1,
                orEmpty(request.steps()),
                orEmpty(request.safeContacts()),
                request.notes(),
                now,
                caller.userId());
        long version = ruled(() -> store.putSafetyPlan(
                file,
                request.version(),
                plan,
                new TimelineEntry(
                        now,
                        "SAFETY_PLAN_UPDATED",
                        caller.userId(),
                        "Safety plan version " + (request.version() + 1))));
        audit.record(caller, "EDIT_SAFETY_PLAN", "case", caseId, file.agencyId(), Outcome.ALLOWED);
        return CaseViews.SafetyPlanView.of(
                new SafetyPlan(version, plan.steps(), plan.safeContacts(), plan.notes(), now, caller.userId()), false);
    }

    @PostMapping("/api/cases/{caseId}/closure-request")
    public CaseViews.CaseDetail requestClosure(
            Caller caller, @PathVariable String caseId, @Valid @RequestBody CaseRequests.ClosureRequest request) {
        permitted(
                caller,
                caseId,
                "REQUEST_CLOSURE",
                CaseAccess::isAssignedAdvocate,
                "Only the case's advocate asks to close it");
        return detail(apply(
                caller,
                caseId,
                null,
                "REQUEST_CLOSURE",
                f -> f.requestClosure(request.reason(), request.note(), caller.userId(), now())));
    }

    @PostMapping("/api/cases/{caseId}/closure")
    public CaseViews.CaseDetail close(Caller caller, @PathVariable String caseId) {
        permitted(caller, caseId, "CLOSE", CaseAccess::maySupervise, "Only a supervisor of the agency closes a case");
        return detail(apply(caller, caseId, null, "CLOSE", f -> f.close(caller.userId(), now())));
    }

    /** The case, when the caller may see it (else 404) and do this to it (else 403); both outcomes audited. */
    private CaseFile permitted(
            Caller caller, String caseId, String action, BiPredicate<CaseFile, Caller> rule, String refusal) {
        Optional<CaseFile> file = store.find(caseId);
        String agency = file.map(CaseFile::agencyId).orElse(null);
        if (file.isEmpty() || !CaseAccess.mayRead(file.get(), caller)) {
            audit.record(caller, action, "case", caseId, agency, Outcome.DENIED);
            throw ApiProblem.notFound("Case " + caseId);
        }
        if (!rule.test(file.get(), caller)) {
            audit.record(caller, action, "case", caseId, agency, Outcome.DENIED);
            throw ApiProblem.forbidden(refusal);
        }
        return file.get();
    }

    private CaseFile apply(
            Caller caller, String caseId, @Nullable String key, String action, Function<CaseFile, Change> command) {
        String requestKey = key == null ? null : "request:" + IdempotencyKeys.resourceId(caller.userId(), action, key);
        CaseFile after = ruled(() -> store.change(caseId, requestKey, command));
        audit.record(caller, action, "case", caseId, after.agencyId(), Outcome.ALLOWED);
        return after;
    }

    /** Runs a rule-checked step, turning a refusal into the problem it reads as. */
    private static <T> T ruled(Supplier<T> step) {
        try {
            return step.get();
        } catch (CaseRuleViolation violation) {
            throw switch (violation.kind()) {
                case INVALID ->
                    ApiProblem.invalid(
                            Objects.requireNonNullElse(violation.field(), "request"),
                            violation.getMessage(),
                            violation.args());
                case FORBIDDEN -> ApiProblem.forbidden(violation.getMessage());
                case NOT_FOUND -> ApiProblem.notFound(violation.getMessage());
                case CONFLICT -> ApiProblem.conflict(violation.getMessage());
            };
        }
    }

    private AgencyStaff staffOf(CaseFile file) {
        return new AgencyStaff(
                file.agencyId(), properties.advocatesOf(file.agencyId()), properties.supervisorsOf(file.agencyId()));
    }

    private static OrderStatus orderStatus(String value) {
        try {
            return OrderStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("status", "{one-of}", Arrays.toString(OrderStatus.values()));
        }
    }

    private CaseViews.CaseDetail detail(CaseFile file) {
        return CaseViews.CaseDetail.of(file, store.safetyPlan(file.caseId()).orElse(null), now());
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }

    private Instant now() {
        return clock.instant();
    }
}
