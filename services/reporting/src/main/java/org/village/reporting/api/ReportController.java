package org.village.reporting.api;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.village.reporting.ReportingProperties;
import org.village.reporting.domain.LapStatistics;
import org.village.reporting.domain.Period;
import org.village.reporting.domain.Suppression;
import org.village.reporting.events.ReportedEvents;
import org.village.reporting.store.ScreenStore;
import org.village.security.Caller;
import org.village.security.Role;
import org.village.security.audit.AuditEntry.Outcome;
import org.village.security.audit.AuditTrail;
import org.village.web.ApiProblem;

/**
 * Reports for a period, as JSON or ({@code format=csv}) as a CSV file. A supervisor gets their own organisation's
 * figures, an admin every organisation's; nobody else gets any.
 */
@RestController
public class ReportController {

    /** The longest period a report covers. */
    static final int MAX_DAYS = 366;

    private final ScreenStore screens;
    private final ReportedEvents projections;
    private final ReportingProperties properties;
    private final AuditTrail audit;

    public ReportController(
            ScreenStore screens, ReportedEvents projections, ReportingProperties properties, AuditTrail audit) {
        this.screens = screens;
        this.projections = projections;
        this.properties = properties;
        this.audit = audit;
    }

    /** The Lethality Assessment Program's statistics per police agency, for the period and each of its months. */
    @GetMapping("/api/reports/lap")
    public ResponseEntity<?> lap(
            Caller caller,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String format) {
        String scope = scopeOf(caller, "lap-statistics");
        Period period = period(from, to);
        audit.record(
                caller,
                "READ",
                "report",
                "lap-statistics:" + period.from() + ":" + period.to(),
                scope,
                Outcome.ALLOWED);
        Suppression suppression = new Suppression(properties.suppressionThreshold());
        List<LapStatistics.Line> lines = LapStatistics.of(screens.submittedIn(period, scope), period, suppression);
        List<List<Object>> rows = lines.stream().map(LapStatistics.Line::shown).toList();
        if ("csv".equals(format)) {
            return csv("lap-statistics-" + period.from() + "-to-" + period.to() + ".csv", LapStatistics.COLUMNS, rows);
        }
        if (format != null) {
            throw ApiProblem.invalid("format", "must be csv, or left out for JSON");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("report", "lap-statistics");
        body.put("from", period.from().toString());
        body.put("to", period.to().toString());
        body.put("timeZone", period.zone().getId());
        body.put("smallCountsShownAs", "<" + properties.suppressionThreshold());
        body.put(
                "lines",
                rows.stream().map(row -> named(LapStatistics.COLUMNS, row)).toList());
        return ResponseEntity.ok(body);
    }

    /** Forgets every projection and reads every topic again from its beginning; the figures return as it reads. */
    @PostMapping("/api/admin/reports/rebuild")
    public ResponseEntity<Map<String, String>> rebuild(Caller caller) {
        if (!caller.has(Role.ADMIN)) {
            throw ApiProblem.forbidden("Only an admin rebuilds the reports");
        }
        projections.rebuild();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("status", "rebuilding: the topics are read again from their beginning"));
    }

    /** The organisation whose figures the caller may see, or null for every organisation's. */
    private @Nullable String scopeOf(Caller caller, String report) {
        if (caller.has(Role.ADMIN)) {
            return null;
        }
        if (caller.has(Role.SUPERVISOR)) {
            return caller.org();
        }
        audit.record(caller, "READ", "report", report, null, Outcome.DENIED);
        throw ApiProblem.forbidden("Reports are for supervisors and admins");
    }

    private Period period(@Nullable String from, @Nullable String to) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw ApiProblem.invalid("to", "must not be before from");
        }
        if (first.plusDays(MAX_DAYS).isBefore(last.plusDays(1))) {
            throw ApiProblem.invalid("to", "a report covers at most " + MAX_DAYS + " days");
        }
        return new Period(first, last, properties.timeZone());
    }

    private static LocalDate date(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.invalid(field, "is required, as a date like 2026-10-01");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException unreadable) {
            throw ApiProblem.invalid(field, "must be a date like 2026-10-01");
        }
    }

    private static Map<String, Object> named(List<String> columns, List<Object> row) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            named.put(columns.get(i), row.get(i));
        }
        return named;
    }

    private static ResponseEntity<byte[]> csv(String filename, List<String> columns, List<List<Object>> rows) {
        StringBuilder text = new StringBuilder(String.join(",", columns)).append("\r\n");
        for (List<Object> row : rows) {
            text.append(String.join(
                            ",",
                            row.stream()
                                    .map(value -> Csv.field(String.valueOf(value)))
                                    .toList()))
                    .append("\r\n");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        "Content-Disposition",
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .body(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
