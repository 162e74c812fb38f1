package org.village.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case screens that are a task of their own: the safety plan editor (a stale version keeps the advocate's
 * text and shows who changed the plan), the referral form (the shelters' beds now, and only the details the
 * survivor's consent lets that shelter receive), and for supervisors the erasure of the survivor's personal
 * data behind a typed confirmation and the case's audit trail.
 */
@Controller
class CaseWorkScreens {

    /** What a referral may ask a shelter to provide. */
    static final List<String> NEEDS =
            List.of("SHELTER", "COUNSELING", "LEGAL_ADVOCACY", "CHILDCARE", "TRANSPORTATION", "MEDICAL");

    private final VillageApi api;
    private final CaseScreens cases;

    CaseWorkScreens(VillageApi api, CaseScreens cases) {
        this.api = api;
        this.cases = cases;
    }

    @GetMapping("/cases/{caseId}/safety-plan")
    String safetyPlan(Authentication user, @PathVariable String caseId, Model model) {
        Viewer viewer = Screens.require(user, CaseScreens.CASE_ROLES);
        Map<String, Object> file = caseFile(user, caseId);
        Map<String, Object> plan = plan(file);
        model.addAttribute("viewer", viewer);
        model.addAttribute("file", file);
        model.addAttribute("version", CaseScreens.number(plan.get("version")));
        model.addAttribute("steps", lines(plan.get("steps")));
        model.addAttribute("safeContacts", lines(plan.get("safeContacts")));
        model.addAttribute("notes", plan.getOrDefault("notes", ""));
        return "safety-plan";
    }

    @PostMapping("/cases/{caseId}/safety-plan")
    String saveSafetyPlan(
            Authentication user,
            @PathVariable String caseId,
            @RequestParam(defaultValue = "0") long version,
            @RequestParam(defaultValue = "") String steps,
            @RequestParam(defaultValue = "") String safeContacts,
            @RequestParam(defaultValue = "") String notes,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Viewer viewer = Screens.require(user, CaseScreens.CASE_ROLES);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("steps", split(steps));
        body.put("safeContacts", split(safeContacts));
        body.put("notes", notes.strip());
        try {
            api.put(user, "/api/cases/" + caseId + "/safety-plan", body);
            redirect.addFlashAttribute("saved", "safety-plan");
            return "redirect:/cases/" + caseId + "/safety-plan";
        } catch (VillageApi.Problem problem) {
            if (problem.notFound()) {
                throw Screens.notFound();
            }
            if (problem.status() >= 500) {
                throw problem;
            }
            // the advocate's text stays in the editor; a stale version shows the plan as it is now beside it
            Map<String, Object> file = caseFile(user, caseId);
            Map<String, Object> current = plan(file);
            response.setStatus(problem.status());
            model.addAttribute("viewer", viewer);
            model.addAttribute("file", file);
            model.addAttribute("steps", steps);
            model.addAttribute("safeContacts", safeContacts);
            model.addAttribute("notes", notes);
            if (problem.status() == 409 && CaseScreens.number(current.get("version")) != version) {
                model.addAttribute("version", CaseScreens.number(current.get("version")));
                model.addAttribute("stale", current);
                model.addAttribute("currentSteps", lines(current.get("steps")));
                model.addAttribute("currentContacts", lines(current.get("safeContacts")));
            } else {
                model.addAttribute("version", version);
                model.addAttribute("refusal", Refusal.of("safety-plan", problem, Map.of()));
            }
            return "safety-plan";
        }
    }

    @GetMapping("/cases/{caseId}/refer")
    String referralForm(
            Authentication user,
            @PathVariable String caseId,
            @RequestParam(required = false) String shelter,
            Model model) {
        Viewer viewer = Screens.require(user, "ADVOCATE");
        Map<String, Object> file = caseFile(user, caseId);
        List<Map<String, Object>> shelters = VillageApi.items(api.get(user, "/api/shelters"));
        model.addAttribute("viewer", viewer);
        model.addAttribute("file", file);
        model.addAttribute("shelters", shelters);
        Map<String, Object> chosen = shelters.stream()
                .filter(s -> Objects.equals(s.get("shelterId"), shelter))
                .findFirst()
                .orElse(null);
        if (chosen != null) {
            Map<String, Object> intake = cases.intake(user, file);
            model.addAttribute("shelter", chosen);
            model.addAttribute("allowed", allowedDetails(file, shelter, intake));
            model.addAttribute("consentScope", consentScope(file, shelter));
            model.addAttribute("needs", NEEDS);
            model.addAttribute("children", survivor(intake).getOrDefault("children", 0));
            model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        }
        return "refer";
    }

    @PostMapping("/cases/{caseId}/refer")
    String refer(
            Authentication user,
            @PathVariable String caseId,
            @RequestParam Map<String, String> form,
            @RequestParam(name = "needs", required = false) List<String> needs,
            RedirectAttributes redirect) {
        Screens.require(user, "ADVOCATE");
        String shelterId = form.getOrDefault("shelterId", "");
        Map<String, String> details = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("detail.") && value != null && !value.isBlank()) {
                details.put(name.substring("detail.".length()), value.strip());
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", caseId);
        body.put("shelterId", shelterId);
        Map<String, Object> household = new LinkedHashMap<>();
        household.put("adults", count(form.get("adults")));
        household.put("children", count(form.get("children")));
        body.put("household", household);
        body.put("needs", needs == null ? List.of() : needs);
        body.put("sharedDetails", details);
        try {
            api.post(user, "/api/referrals", body, form.get("idempotencyKey"));
        } catch (VillageApi.Problem problem) {
            Map<String, String> typed = new LinkedHashMap<>(form);
            typed.put("needs", "," + String.join(",", needs == null ? List.of() : needs) + ",");
            Screens.refused(redirect, "referral", problem, typed);
            return "redirect:/cases/" + caseId + "/refer?shelter=" + shelterId;
        }
        redirect.addFlashAttribute("saved", "referral");
        return CaseScreens.back(caseId, "referrals");
    }

    @GetMapping("/cases/{caseId}/erase")
    String erasure(Authentication user, @PathVariable String caseId, Model model) {
        Viewer viewer = Screens.require(user, "SUPERVISOR");
        Map<String, Object> file = caseFile(user, caseId);
        model.addAttribute("viewer", viewer);
        model.addAttribute("file", file);
        model.addAttribute("confirmation", confirmation(file));
        return "case-erase";
    }

    @PostMapping("/cases/{caseId}/erase")
    String erase(
            Authentication user,
            @PathVariable String caseId,
            @RequestParam(defaultValue = "") String typed,
            RedirectAttributes redirect) {
        Screens.require(user, "SUPERVISOR");
        Map<String, Object> file = caseFile(user, caseId);
        if (!confirmation(file).equalsIgnoreCase(typed.strip())) {
            redirect.addFlashAttribute(
                    "refusal", new Refusal("erase", null, Map.of("typed", "mismatch"), Map.of("typed", typed)));
            return "redirect:/cases/" + caseId + "/erase";
        }
        try {
            api.delete(user, "/api/intakes/" + file.get("intakeId") + "/personal-data");
        } catch (VillageApi.Problem problem) {
            Screens.refused(redirect, "erase", problem, Map.of("typed", typed));
            return "redirect:/cases/" + caseId + "/erase";
        }
        redirect.addFlashAttribute("saved", "erase");
        return "redirect:/cases/" + caseId;
    }

    @GetMapping("/cases/{caseId}/audit")
    String audit(Authentication user, @PathVariable String caseId, Model model) {
        Viewer viewer = Screens.require(user, "SUPERVISOR");
        Map<String, Object> file = caseFile(user, caseId);
        List<Map<String, Object>> entries = new ArrayList<>();
        entries.addAll(VillageApi.items(api.get(user, "/api/admin/audit?service=case&limit=500&resource=" + caseId)));
        entries.addAll(VillageApi.items(
                api.get(user, "/api/admin/audit?service=intake&limit=500&resource=" + file.get("intakeId"))));
        entries.sort(Comparator.comparing(e -> String.valueOf(e.get("at"))));
        model.addAttribute("viewer", viewer);
        model.addAttribute("file", file);
        model.addAttribute("entries", entries);
        return "case-audit";
    }

    /** What the supervisor types to erase: the case's reference as the pages show it. */
    static String confirmation(Map<String, Object> file) {
        return reference(file);
    }

    /** A case's short reference (the first eight characters of its id), as every page shows it. */
    static String reference(Map<String, Object> file) {
        String id = String.valueOf(file.get("caseId"));
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private Map<String, Object> caseFile(Authentication user, String caseId) {
        return cases.caseFile(user, caseId);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plan(Map<String, Object> file) {
        return file.get("safetyPlan") instanceof Map<?, ?> plan ? (Map<String, Object>) plan : Map.of("version", 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> survivor(Map<String, Object> intake) {
        return intake.get("survivor") instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
    }

    /** The details the survivor's valid consents let this shelter receive. */
    @SuppressWarnings("unchecked")
    static List<String> consentScope(Map<String, Object> file, String shelterId) {
        List<String> scope = new ArrayList<>();
        if (file.get("consents") instanceof List<?> consents) {
            for (Object c : consents) {
                Map<String, Object> consent = (Map<String, Object>) c;
                if (shelterId.equals(consent.get("recipientId"))
                        && "ACTIVE".equals(consent.get("status"))
                        && consent.get("scope") instanceof List<?> details) {
                    details.forEach(d -> {
                        if (!scope.contains(String.valueOf(d))) {
                            scope.add(String.valueOf(d));
                        }
                    });
                }
            }
        }
        return scope;
    }

    /** Each consented detail with its value from the intake, for the advocate to check before it is sent. */
    private static Map<String, String> allowedDetails(
            Map<String, Object> file, String shelterId, Map<String, Object> intake) {
        Map<String, Object> survivor = survivor(intake);
        Map<String, String> details = new LinkedHashMap<>();
        for (String detail : consentScope(file, shelterId)) {
            Object value = switch (detail) {
                case "FIRST_NAME" -> survivor.get("firstName");
                case "LAST_NAME" -> survivor.get("lastName");
                case "PHONE" -> survivor.get("phone");
                case "LANGUAGE" -> survivor.getOrDefault("preferredLanguage", intake.get("preferredLanguage"));
                case "NEEDS" ->
                    intake.get("needs") instanceof List<?> n && !n.isEmpty()
                            ? String.join(", ", n.stream().map(String::valueOf).toList())
                            : null;
                case "DANGER_LEVEL" -> intake.get("dangerLevel");
                case "HOUSEHOLD" ->
                    survivor.get("children") == null ? null : "1 adult, " + survivor.get("children") + " children";
                default -> null;
            };
            details.put(detail, value == null ? "" : String.valueOf(value));
        }
        return details;
    }

    private static List<String> split(String lines) {
        return lines.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static String lines(@Nullable Object list) {
        return list instanceof List<?> items
                ? String.join("\n", items.stream().map(String::valueOf).toList())
                : "";
    }

    private static @Nullable Object count(@Nullable String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
