package org.village.reporting.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
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
import org.village.reporting.domain.CaseFact;
import org.village.reporting.domain.FunderCounts;
import org.village.reporting.domain.HudExport;
import org.village.reporting.domain.LapStatistics;
import org.village.reporting.domain.Period;
import org.village.reporting.domain.ProgramOutcomes;
import org.village.reporting.domain.ReferralFact;
import org.village.reporting.domain.ScreenFact;
import org.village.reporting.domain.ShelterUse;
import org.village.reporting.domain.Suppression;
import org.village.reporting.domain.Table;
import org.village.reporting.events.ReportedEvents;
import org.village.reporting.store.CaseworkStore;
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
    private final CaseworkStore casework;
    private final ReportedEvents projections;
    private final ReportingProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    public ReportController(
            ScreenStore screens,
            CaseworkStore casework,
            ReportedEvents projections,
            ReportingProperties properties,
            AuditTrail audit,
            Clock clock) {
        this.screens = screens;
        this.casework = casework;
        this.projections = projections;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** The Lethality Assessment Program's statistics per police agency, for the period and each of its months. */
    @GetMapping("/api/reports/lap")
    public ResponseEntity<?> lap(
            Caller caller,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String format) {
        return single(
                caller,
                "lap-statistics",
                from,
                to,
                format,
                (period, scope) -> new Table(
                        "lap-statistics",
                        "LAP statistical report",
                        LapStatistics.COLUMNS,
                        LapStatistics.of(screens.submittedIn(period, scope), period, suppression()).stream()
                                .map(LapStatistics.Line::shown)
                                .toList()));
    }

    /** What each advocacy agency did: cases, first contacts, follow-ups, referrals and notifications. */
    @GetMapping("/api/reports/outcomes")
    public ResponseEntity<?> outcomes(
            Caller caller,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String format) {
        return single(
                caller,
                "program-outcomes",
                from,
                to,
                format,
                (period, scope) -> new Table(
                        "program-outcomes",
                        "Program outcomes",
                        ProgramOutcomes.COLUMNS,
                        ProgramOutcomes.of(facts(period, scope), period, suppression())));
    }

    /** How each shelter's beds were used and how it answered referrals. */
    @GetMapping("/api/reports/shelters")
    public ResponseEntity<?> shelters(
            Caller caller,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String format) {
        return single(caller, "shelter-use", from, to, format, (period, scope) -> {
            if (scope == null) {
                return new Table(
                        "shelter-use",
                        "Shelter use",
                        ShelterUse.COLUMNS,
                        ShelterUse.of(
                                casework.bedsUntil(period),
                                casework.referralsIn(period, null),
                                null,
                                period,
                                clock.instant(),
                                suppression()));
            }
            // a supervisor: the referrals their organisation's cases sent, and those sent to their shelter
            Set<String> ids = casework.servedIn(period, scope).stream()
                    .map(CaseFact::caseId)
                    .collect(Collectors.toSet());
            List<ReferralFact> referrals = casework.referralsIn(period, null).stream()
                    .filter(referral -> ids.contains(referral.caseId())
                            || referral.shelterId().equals(scope))
                    .toList();
            Set<String> shelters = new HashSet<>();
            shelters.add(scope);
            referrals.forEach(referral -> shelters.add(referral.shelterId()));
            return new Table(
                    "shelter-use",
                    "Shelter use",
                    ShelterUse.COLUMNS,
                    ShelterUse.of(
                            casework.bedsUntil(period), referrals, shelters, period, clock.instant(), suppression()));
        });
    }

    /** The FVPSA and VOCA counts per advocacy agency. */
    @GetMapping("/api/reports/funders")
    public ResponseEntity<?> funders(
            Caller caller,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String format) {
        return single(
                caller,
                "funder-counts",
                from,
                to,
                format,
                (period, scope) -> new Table(
                        "funder-counts",
                        "FVPSA and VOCA counts",
                        FunderCounts.COLUMNS,
                        FunderCounts.of(facts(period, scope), period, suppression())));
    }

    /** HUD's comparable-database export: JSON, or ({@code format=zip}) a ZIP of one CSV per question. */
    @GetMapping("/api/reports/hud")
    public ResponseEntity<?> hud(
            Caller caller,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String format) {
        String scope = scopeOf(caller, "hud-export");
        Period period = period(from, to);
        if (format != null && !format.equals("zip")) {
            throw ApiProblem.invalid("format", "{format-zip}");
        }
        audited(caller, "hud-export", period, scope);
        List<Table> tables = HudExport.of(facts(period, scope), period, suppression());
        if (format != null) {
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("application/zip"))
                    .header(
                            "Content-Disposition",
                            attachment("hud-export-" + period.from() + "-to-" + period.to() + ".zip"))
                    .body(Csv.zip(
                            tables,
                            "Village HUD-style comparable-database export, " + period.from() + " to "
                                    + period.to() + " (" + period.zone().getId() + "). Questions: "
                                    + tables.stream().map(Table::question).collect(Collectors.joining(" | "))));
        }
        Map<String, Object> body = header("hud-export", period);
        body.put(
                "tables",
                tables.stream()
                        .map(table -> {
                            Map<String, Object> named = new LinkedHashMap<>();
                            named.put("file", table.file());
                            named.put("question", table.question());
                            named.put("lines", named(table));
                            return named;
                        })
                        .toList());
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

    /** A report of one table, as JSON or as a CSV file. */
    private ResponseEntity<?> single(
            Caller caller,
            String report,
            @Nullable String from,
            @Nullable String to,
            @Nullable String format,
            BiFunction<Period, @Nullable String, Table> table) {
        String scope = scopeOf(caller, report);
        Period period = period(from, to);
        if (format != null && !format.equals("csv")) {
            throw ApiProblem.invalid("format", "{format-csv}");
        }
        audited(caller, report, period, scope);
        Table made = table.apply(period, scope);
        if (format != null) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(
                            "Content-Disposition",
                            attachment(report + "-" + period.from() + "-to-" + period.to() + ".csv"))
                    .body(Csv.table(made).getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Object> body = header(report, period);
        body.put("lines", named(made));
        return ResponseEntity.ok(body);
    }

    private void audited(Caller caller, String report, Period period, @Nullable String scope) {
        audit.record(
                caller, "READ", "report", report + ":" + period.from() + ":" + period.to(), scope, Outcome.ALLOWED);
    }

    private Map<String, Object> header(String report, Period period) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("report", report);
        body.put("from", period.from().toString());
        body.put("to", period.to().toString());
        body.put("timeZone", period.zone().getId());
        body.put("smallCountsShownAs", suppression().mark());
        return body;
    }

    /** What the reports over a period's served cases read, for one agency or (scope null) all. */
    private ProgramOutcomes.Facts facts(Period period, @Nullable String scope) {
        List<CaseFact> cases = casework.servedIn(period, scope);
        Set<String> ids = cases.stream().map(CaseFact::caseId).collect(Collectors.toSet());
        Map<String, ScreenFact> screensByIntake = new HashMap<>();
        screens.of(cases.stream().map(CaseFact::intakeId).toList())
                .forEach(screen -> screensByIntake.put(screen.intakeId(), screen));
        return new ProgramOutcomes.Facts(
                cases,
                screensByIntake,
                casework.tasksOf(ids),
                casework.referralsIn(period, ids),
                casework.notificationsIn(period, ids),
                casework.escalatedIn(period, ids));
    }

    private Suppression suppression() {
        return new Suppression(properties.suppressionThreshold());
    }

    private Period period(@Nullable String from, @Nullable String to) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw ApiProblem.invalid("to", "{to-before-from}");
        }
        if (first.plusDays(MAX_DAYS).isBefore(last.plusDays(1))) {
            throw ApiProblem.invalid("to", "{longest}", MAX_DAYS);
        }
        return new Period(first, last, properties.timeZone());
    }

    private static LocalDate date(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.invalid(field, "{date-required}");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException unreadable) {
            throw ApiProblem.invalid(field, "{date}");
        }
    }

    private static List<Map<String, Object>> named(Table table) {
        return table.rows().stream()
                .map(row -> {
                    Map<String, Object> named = new LinkedHashMap<>();
                    for (int i = 0; i < table.columns().size(); i++) {
                        named.put(table.columns().get(i), row.get(i));
                    }
                    return named;
                })
                .toList();
    }

    private static String attachment(String filename) {
        return ContentDisposition.attachment().filename(filename).build().toString();
    }
}
