package org.village.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.village.events.Vocabulary;

/**
 * The advocate's and the supervisor's screens: the caseload dashboard, the case list, and a case with everything
 * that is done on it (tasks, consents, protective orders, closure, reassignment). The safety plan, referrals,
 * erasure and the audit trail have screens of their own ({@link CaseWorkScreens}).
 */
@Controller
class CaseScreens {

    static final String[] CASE_ROLES = {"ADVOCATE", "SUPERVISOR"};
    /** The lists the dashboard's numbers open, beyond the API's own filters. */
    static final List<String> SHOWS = List.of("overdue", "dueToday", "pendingReferrals");

    private final VillageApi api;

    CaseScreens(VillageApi api) {
        this.api = api;
    }

    @GetMapping("/dashboard")
    String dashboard(Authentication user, Model model) {
        model.addAttribute("viewer", Screens.require(user, CASE_ROLES));
        live(user, model);
        return "dashboard";
    }

    /** The dashboard's live part, refreshed when a notification arrives. */
    @GetMapping("/dashboard/live")
    String dashboardLive(Authentication user, Model model) {
        model.addAttribute("viewer", Screens.require(user, CASE_ROLES));
        live(user, model);
        return "dashboard :: live";
    }

    private void live(Authentication user, Model model) {
        Viewer viewer = Viewer.of(user);
        model.addAttribute("caseload", api.get(user, "/api/caseload"));
        List<Map<String, Object>> unacknowledged =
                VillageApi.items(api.get(user, "/api/notifications?unread=true&limit=20")).stream()
                        .filter(n -> Boolean.TRUE.equals(n.get("requiresAck")))
                        .toList();
        model.addAttribute("toAcknowledge", unacknowledged);
        List<Map<String, Object>> cases = VillageApi.items(api.get(user, "/api/cases?status=OPEN&limit=200"));
        model.addAttribute("newest", cases.stream().limit(5).toList());
        if (viewer.isSupervisor()) {
            model.addAttribute("loads", loads(cases));
            model.addAttribute(
                    "escalations",
                    unacknowledged.stream()
                            .filter(n -> "ESCALATION".equals(n.get("kind")))
                            .toList());
        }
    }

    /** Each advocate's open cases, high-danger cases and overdue tasks, busiest first. */
    static List<Map<String, Object>> loads(List<Map<String, Object>> cases) {
        Map<String, long[]> byAdvocate = new TreeMap<>();
        for (Map<String, Object> c : cases) {
            long[] load = byAdvocate.computeIfAbsent(String.valueOf(c.get("advocate")), a -> new long[3]);
            load[0]++;
            load[1] += "HIGH".equals(c.get("dangerLevel")) ? 1 : 0;
            load[2] += number(c.get("overdueTasks"));
        }
        List<Map<String, Object>> loads = new ArrayList<>();
        byAdvocate.forEach((advocate, load) ->
                loads.add(Map.of("advocate", advocate, "open", load[0], "high", load[1], "overdue", load[2])));
        loads.sort(Comparator.comparing((Map<String, Object> l) -> (Long) l.get("open"))
                .reversed());
        return loads;
    }

    @GetMapping("/cases")
    String cases(
            Authentication user,
            Model model,
            HttpServletRequest request,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String dangerLevel,
            @RequestParam(required = false) String show,
            @RequestParam(required = false) String cursor) {
        Viewer viewer = Screens.require(user, CASE_ROLES);
        StringBuilder query = new StringBuilder("/api/cases?limit=200");
        if (status != null && List.of("OPEN", "CLOSURE_REQUESTED", "CLOSED").contains(status)) {
            query.append("&status=").append(status);
        }
        if (dangerLevel != null && List.of("HIGH", "STANDARD").contains(dangerLevel)) {
            query.append("&dangerLevel=").append(dangerLevel);
        }
        if (cursor != null && cursor.matches("[A-Za-z0-9_=-]{1,200}")) {
            query.append("&cursor=").append(cursor);
        }
        Map<String, Object> page = api.get(user, query.toString());
        Times times = Times.of(request, Locale.ROOT);
        List<Map<String, Object>> items = VillageApi.items(page).stream()
                .filter(c -> switch (show == null ? "" : show) {
                    case "overdue" -> number(c.get("overdueTasks")) > 0;
                    case "dueToday" -> times.today(c.get("nextDueAt"));
                    case "pendingReferrals" -> number(c.get("pendingReferrals")) > 0;
                    default -> true;
                })
                .toList();
        model.addAttribute("viewer", viewer);
        model.addAttribute("cases", items);
        model.addAttribute("nextCursor", page.get("nextCursor"));
        model.addAttribute("status", status);
        model.addAttribute("dangerLevel", dangerLevel);
        model.addAttribute("show", show != null && SHOWS.contains(show) ? show : null);
        return "cases";
    }

    @GetMapping("/cases/{caseId}")
    String one(Authentication user, @PathVariable String caseId, Model model) {
        Viewer viewer = Screens.require(user, CASE_ROLES);
        Map<String, Object> file = caseFile(user, caseId);
        model.addAttribute("viewer", viewer);
        model.addAttribute("file", file);
        model.addAttribute("intake", intake(user, file));
        model.addAttribute("referrals", referrals(user, caseId));
        model.addAttribute("shelters", shelterNames(user));
        model.addAttribute("taskKinds", Vocabulary.TASK_KINDS);
        model.addAttribute("scopes", Vocabulary.SHARED_DETAILS);
        model.addAttribute("orderStatuses", Vocabulary.ORDER_STATUSES);
        model.addAttribute("closureReasons", Vocabulary.CLOSURE_REASONS);
        return "case";
    }

    /** The case's referrals, refreshed live when a shelter answers. */
    @GetMapping("/cases/{caseId}/referrals")
    String caseReferrals(Authentication user, @PathVariable String caseId, Model model) {
        model.addAttribute("viewer", Screens.require(user, CASE_ROLES));
        model.addAttribute("file", caseFile(user, caseId));
        model.addAttribute("referrals", referrals(user, caseId));
        model.addAttribute("shelters", shelterNames(user));
        return "case :: referrals";
    }

    @PostMapping("/cases/{caseId}/tasks")
    String addTask(
            Authentication user,
            @PathVariable String caseId,
            @RequestParam Map<String, String> form,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        Viewer viewer = Screens.require(user, CASE_ROLES);
        Times times = Times.of(request, Locale.ROOT);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", form.getOrDefault("kind", ""));
        body.put("assignee", Objects.requireNonNullElse(blankToNull(form.get("assignee")), viewer.userId()));
        body.put("dueAt", times.instant(form.get("dueAt")));
        body.put("note", blankToNull(form.get("note")));
        change(redirect, "task", form, () -> api.post(user, "/api/cases/" + caseId + "/tasks", body, null));
        return back(caseId, "tasks");
    }

    @PostMapping("/cases/{caseId}/tasks/{taskId}/complete")
    String completeTask(
            Authentication user,
            @PathVariable String caseId,
            @PathVariable String taskId,
            @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        Screens.require(user, CASE_ROLES);
        String outcome = blankToNull(form.get("outcome"));
        change(
                redirect,
                "task-" + taskId,
                form,
                () -> api.post(
                        user,
                        "/api/tasks/" + taskId + "/complete",
                        outcome == null ? Map.of() : Map.of("outcome", outcome),
                        null));
        return back(caseId, "tasks");
    }

    @PostMapping("/cases/{caseId}/consents")
    String giveConsent(
            Authentication user,
            @PathVariable String caseId,
            @RequestParam Map<String, String> form,
            @RequestParam(name = "scope", required = false) List<String> scope,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        Screens.require(user, CASE_ROLES);
        Times times = Times.of(request, Locale.ROOT);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipientType", "SHELTER");
        body.put("recipientId", form.getOrDefault("recipientId", ""));
        body.put("scope", scope == null ? List.of() : scope);
        body.put("form", form.getOrDefault("form", ""));
        body.put("expiresAt", times.instant(form.get("expiresAt")));
        Map<String, String> typed = new LinkedHashMap<>(form);
        typed.put("scope", "," + String.join(",", scope == null ? List.of() : scope) + ",");
        change(redirect, "consent", typed, () -> api.post(user, "/api/cases/" + caseId + "/consents", body, null));
        return back(caseId, "consents");
    }

    @PostMapping("/cases/{caseId}/consents/{consentId}/revoke")
    String revokeConsent(
            Authentication user,
            @PathVariable String caseId,
            @PathVariable String consentId,
            RedirectAttributes redirect) {
        Screens.require(user, CASE_ROLES);
        change(
                redirect,
                "consent-" + consentId,
                Map.of(),
                () -> api.delete(user, "/api/cases/" + caseId + "/consents/" + consentId));
        return back(caseId, "consents");
    }

    @PostMapping("/cases/{caseId}/protective-orders")
    String addOrder(
            Authentication user,
            @PathVariable String caseId,
            @RequestParam Map<String, String> form,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        Screens.require(user, CASE_ROLES);
        Map<String, Object> body = order(form, Times.of(request, Locale.ROOT));
        change(
                redirect,
                "order",
                form,
                () -> api.post(user, "/api/cases/" + caseId + "/protective-orders", body, null));
        return back(caseId, "orders");
    }

    @PostMapping("/cases/{caseId}/protective-orders/{orderId}")
    String changeOrder(
            Authentication user,
            @PathVariable String caseId,
            @PathVariable String orderId,
            @RequestParam Map<String, String> form,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        Screens.require(user, CASE_ROLES);
        Map<String, Object> body = order(form, Times.of(request, Locale.ROOT));
        change(
                redirect,
                "order-" + orderId,
                form,
                () -> api.patch(user, "/api/cases/" + caseId + "/protective-orders/" + orderId, body));
        return back(caseId, "orders");
    }

    private static Map<String, Object> order(Map<String, String> form, Times times) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", form.getOrDefault("status", ""));
        body.put("courtDate", blankToNull(form.get("courtDate")));
        body.put("expiresAt", times.instant(form.get("expiresAt")));
        return body;
    }

    @PostMapping("/cases/{caseId}/closure-request")
    String requestClosure(
            Authentication user,
            @PathVariable String caseId,
            @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        Screens.require(user, "ADVOCATE");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", form.getOrDefault("reason", ""));
        body.put("note", blankToNull(form.get("note")));
        change(
                redirect,
                "closure",
                form,
                () -> api.post(user, "/api/cases/" + caseId + "/closure-request", body, null));
        return back(caseId, "closure");
    }

    @PostMapping("/cases/{caseId}/closure")
    String approveClosure(Authentication user, @PathVariable String caseId, RedirectAttributes redirect) {
        Screens.require(user, "SUPERVISOR");
        change(redirect, "closure", Map.of(), () -> api.post(user, "/api/cases/" + caseId + "/closure", null, null));
        return back(caseId, "closure");
    }

    @PostMapping("/cases/{caseId}/assignment")
    String reassign(
            Authentication user,
            @PathVariable String caseId,
            @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        Screens.require(user, "SUPERVISOR");
        String advocate = form.getOrDefault("advocate", "").strip();
        change(
                redirect,
                "assignment",
                form,
                () -> api.post(user, "/api/cases/" + caseId + "/assignment", Map.of("advocate", advocate), null));
        return back(caseId, "assignment");
    }

    Map<String, Object> caseFile(Authentication user, String caseId) {
        return api.one(user, "/api/cases/" + caseId);
    }

    /** The intake behind the case: the survivor's details for the assignee and the agency's supervisors. */
    Map<String, Object> intake(Authentication user, Map<String, Object> file) {
        try {
            return api.get(user, "/api/intakes/" + file.get("intakeId"));
        } catch (VillageApi.Problem problem) {
            if (problem.notFound()) {
                return Map.of();
            }
            throw problem;
        }
    }

    private List<Map<String, Object>> referrals(Authentication user, String caseId) {
        return VillageApi.items(api.get(user, "/api/referrals?limit=200")).stream()
                .filter(r -> caseId.equals(r.get("caseId")))
                .toList();
    }

    /** Shelter names by id, for referral and consent lines. */
    Map<String, String> shelterNames(Authentication user) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Map<String, Object> shelter : VillageApi.items(api.get(user, "/api/shelters"))) {
            names.put(String.valueOf(shelter.get("shelterId")), String.valueOf(shelter.get("name")));
        }
        return names;
    }

    /** Makes a change; a refusal goes back to the form it came from with what was typed. */
    static void change(RedirectAttributes redirect, String form, Map<String, String> typed, Runnable call) {
        try {
            call.run();
            redirect.addFlashAttribute("saved", form);
        } catch (VillageApi.Problem problem) {
            Screens.refused(redirect, form, problem, typed);
        }
    }

    static String back(String caseId, String section) {
        return "redirect:/cases/" + caseId + "#" + section;
    }

    static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static long number(@Nullable Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
