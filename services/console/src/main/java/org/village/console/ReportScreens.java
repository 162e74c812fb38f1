package org.village.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reports for funders, for supervisors (their agency's) and admins (every organisation's): a period, four charts
 * with their figures (screens and the share screened in by month, time to first contact, referral outcomes, bed
 * use) and each report's file to download. The files pass through the console, so the token stays here.
 */
@Controller
class ReportScreens {

    /** The reports whose CSV the console offers, by the name of their API path. */
    static final List<String> CSV_REPORTS = List.of("lap", "outcomes", "shelters", "funders");

    private final VillageApi api;

    ReportScreens(VillageApi api) {
        this.api = api;
    }

    @GetMapping("/reports")
    String reports(
            Authentication user,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            Model model) {
        model.addAttribute("viewer", Screens.require(user, "SUPERVISOR", "ADMIN"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String first = from == null ? today.minusMonths(1).withDayOfMonth(1).toString() : from.strip();
        String last = to == null ? today.toString() : to.strip();
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        String period = query(first, last);
        model.addAttribute("period", period);
        model.addAttribute("csvReports", CSV_REPORTS);
        try {
            List<Map<String, Object>> lap = lines(api.get(user, "/api/reports/lap?" + period));
            List<Map<String, Object>> outcomes = lines(api.get(user, "/api/reports/outcomes?" + period));
            List<Map<String, Object>> shelters = lines(api.get(user, "/api/reports/shelters?" + period));
            model.addAttribute("charts", ReportCharts.of(lap, outcomes, shelters));
        } catch (VillageApi.Problem problem) {
            if (problem.status() != 400) {
                throw problem;
            }
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("from", first);
            typed.put("to", last);
            model.addAttribute("refusal", Refusal.of("period", problem, typed));
        }
        return "reports";
    }

    /** A report's CSV, as the API made it. */
    @GetMapping("/reports/{report:lap|outcomes|shelters|funders}.csv")
    ResponseEntity<byte[]> csv(
            Authentication user,
            @PathVariable String report,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to) {
        Screens.require(user, "SUPERVISOR", "ADMIN");
        return file(user, "/api/reports/" + report + "?" + query(from, to) + "&format=csv");
    }

    /** The HUD export: a ZIP of one CSV per question. */
    @GetMapping("/reports/hud.zip")
    ResponseEntity<byte[]> hud(
            Authentication user,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to) {
        Screens.require(user, "SUPERVISOR", "ADMIN");
        return file(user, "/api/reports/hud?" + query(from, to) + "&format=zip");
    }

    private ResponseEntity<byte[]> file(Authentication user, String path) {
        try {
            return api.download(user, path);
        } catch (VillageApi.Problem problem) {
            if (problem.status() == 400) {
                // a period typed into the address: the page explains it next to the field
                throw Screens.notFound();
            }
            throw problem;
        }
    }

    private static String query(String from, String to) {
        return Objects.requireNonNull(
                UriComponentsBuilder.newInstance()
                        .queryParam("from", from)
                        .queryParam("to", to)
                        .encode()
                        .build()
                        .getQuery(),
                "a query with two parameters");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> report) {
        Object lines = report.get("lines");
        return lines instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
