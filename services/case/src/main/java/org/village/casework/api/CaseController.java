package org.village.casework.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.village.casework.domain.CaseFile;
import org.village.casework.domain.CaseStatus;
import org.village.casework.domain.TimelineEntry;
import org.village.casework.store.CaseStore;
import org.village.events.DangerLevel;
import org.village.security.Caller;
import org.village.security.Role;
import org.village.security.audit.AuditEntry.Outcome;
import org.village.security.audit.AuditTrail;
import org.village.web.ApiProblem;
import org.village.web.Page;
import org.village.web.PageRequest;

/** Caseloads, cases and tasks, each seen only by those who work them; every read of a case is audited. */
@RestController
public class CaseController {

    private final CaseStore store;
    private final AuditTrail audit;
    private final Clock clock;

    public CaseController(CaseStore store, AuditTrail audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/api/cases")
    public Page<CaseViews.CaseItem> cases(
            Caller caller,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String dangerLevel,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        CaseStore.Listing listing = scope(caller);
        if (status != null) {
            listing = listing.withStatus(parse(CaseStatus.class, "status", status));
        }
        if (dangerLevel != null) {
            listing = listing.withDangerLevel(parse(DangerLevel.class, "dangerLevel", dangerLevel));
        }
        Instant now = clock.instant();
        return page.page(
                store.list(listing, page),
                CaseFile::openedAt,
                CaseFile::caseId,
                file -> CaseViews.CaseItem.of(file, now));
    }

    @GetMapping("/api/cases/{caseId}")
    public CaseViews.CaseDetail caseFile(Caller caller, @PathVariable String caseId) {
        CaseFile file = readable(caller, caseId, "READ");
        return CaseViews.CaseDetail.of(file, store.safetyPlan(caseId).orElse(null), clock.instant());
    }

    @GetMapping("/api/caseload")
    public CaseViews.Caseload caseload(Caller caller) {
        Instant now = clock.instant();
        Instant endOfDay = now.atZone(ZoneOffset.UTC)
                .toLocalDate()
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .minus(1, ChronoUnit.MILLIS);
        CaseStore.Caseload counts = store.caseload(scope(caller), now, endOfDay);
        return new CaseViews.Caseload(
                counts.openCases(),
                counts.highDanger(),
                counts.overdueTasks(),
                counts.dueToday(),
                counts.pendingReferrals());
    }

    @GetMapping("/api/tasks")
    public Page<CaseViews.TaskItem> tasks(
            Caller caller,
            @RequestParam(required = false) Boolean mine,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        if (!Boolean.TRUE.equals(mine)) {
            throw ApiProblem.invalid("mine", "{mine-tasks}");
        }
        PageRequest page = PageRequest.of(limit, cursor);
        Instant now = clock.instant();
        return page.page(
                store.tasksOf(caller.userId(), page),
                a -> a.task().createdAt(),
                a -> a.task().taskId(),
                a -> CaseViews.TaskItem.of(a.caseId(), a.task(), now));
    }

    /** A case's whole timeline, newest first, a page at a time (the case itself shows the newest entries). */
    @GetMapping("/api/cases/{caseId}/timeline")
    public Page<TimelineEntry> timeline(
            Caller caller,
            @PathVariable String caseId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        CaseFile file = readable(caller, caseId, "READ_TIMELINE");
        return page.page(
                store.timelinePage(caseId, file.timeline(), page),
                TimelineEntry::at,
                CaseStore::timelineKey,
                entry -> entry);
    }

    /** The case, when the caller may read it; otherwise 404. Both outcomes audited. */
    private CaseFile readable(Caller caller, String caseId, String action) {
        Optional<CaseFile> found = store.find(caseId);
        String agency = found.map(CaseFile::agencyId).orElse(null);
        if (found.isEmpty() || !CaseAccess.mayRead(found.get(), caller)) {
            audit.record(caller, action, "case", caseId, agency, Outcome.DENIED);
            throw ApiProblem.notFound("Case " + caseId);
        }
        audit.record(caller, action, "case", caseId, agency, Outcome.ALLOWED);
        return found.get();
    }

    /** The cases a caller's lists cover: an advocate's own, a supervisor's agency's. */
    private static CaseStore.Listing scope(Caller caller) {
        if (!CaseAccess.mayList(caller)) {
            throw ApiProblem.forbidden("Case lists are for advocates and supervisors");
        }
        return caller.has(Role.SUPERVISOR)
                ? CaseStore.Listing.ofAgency(caller.org())
                : CaseStore.Listing.ofAdvocate(caller.userId());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, "{not-one-of}", Arrays.toString(type.getEnumConstants()));
        }
    }
}
