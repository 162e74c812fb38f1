package org.village.console;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin's screens: webhooks (the signing secret is made here and shown once), each service's dead letters
 * with replay, and each service's audit chain verified.
 */
@Controller
class AdminScreens {

    static final List<String> SERVICES = List.of("intake", "case", "referral", "notification", "reporting");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final VillageApi api;

    AdminScreens(VillageApi api) {
        this.api = api;
    }

    @GetMapping("/admin")
    String overview(Authentication user) {
        Screens.require(user, "ADMIN");
        return "redirect:/admin/dead-letters";
    }

    @GetMapping("/admin/webhooks")
    String webhooks(Authentication user, Model model) {
        model.addAttribute("viewer", Screens.require(user, "ADMIN"));
        model.addAttribute("webhooks", api.getList(user, "/api/webhooks"));
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        return "admin-webhooks";
    }

    @PostMapping("/admin/webhooks")
    String register(Authentication user, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        Screens.require(user, "ADMIN");
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("org", form.getOrDefault("org", "").strip());
        body.put("url", form.getOrDefault("url", "").strip());
        body.put("secret", secret);
        try {
            Map<String, Object> registered = api.post(user, "/api/webhooks", body, form.get("idempotencyKey"));
            redirect.addFlashAttribute("secret", secret);
            redirect.addFlashAttribute("registered", registered);
        } catch (VillageApi.Problem problem) {
            Screens.refused(redirect, "webhook", problem, form);
        }
        return "redirect:/admin/webhooks";
    }

    @PostMapping("/admin/webhooks/{webhookId}/delete")
    String delete(Authentication user, @PathVariable String webhookId, RedirectAttributes redirect) {
        Screens.require(user, "ADMIN");
        CaseScreens.change(
                redirect, "webhook-" + webhookId, Map.of(), () -> api.delete(user, "/api/webhooks/" + webhookId));
        return "redirect:/admin/webhooks";
    }

    @GetMapping("/admin/dead-letters")
    String deadLetters(Authentication user, @RequestParam(defaultValue = "intake") String service, Model model) {
        model.addAttribute("viewer", Screens.require(user, "ADMIN"));
        String chosen = SERVICES.contains(service) ? service : "intake";
        model.addAttribute("services", SERVICES);
        model.addAttribute("service", chosen);
        model.addAttribute("letters", VillageApi.items(api.get(user, "/api/admin/dead-letters?service=" + chosen)));
        return "admin-dead-letters";
    }

    @PostMapping("/admin/dead-letters/{deadLetterId}/replay")
    String replay(
            Authentication user,
            @PathVariable String deadLetterId,
            @RequestParam(defaultValue = "intake") String service,
            RedirectAttributes redirect) {
        Screens.require(user, "ADMIN");
        String chosen = SERVICES.contains(service) ? service : "intake";
        CaseScreens.change(
                redirect,
                "letter-" + deadLetterId,
                Map.of(),
                () -> api.post(
                        user, "/api/admin/dead-letters/" + deadLetterId + "/replay?service=" + chosen, null, null));
        return "redirect:/admin/dead-letters?service=" + chosen;
    }

    @GetMapping("/admin/audit")
    String audit(Authentication user, Model model) {
        model.addAttribute("viewer", Screens.require(user, "ADMIN"));
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        for (String service : SERVICES) {
            try {
                results.put(service, api.get(user, "/api/admin/audit/verify?service=" + service));
            } catch (VillageApi.Problem unavailable) {
                results.put(service, Map.of("unavailable", true));
            }
        }
        model.addAttribute("results", results);
        return "admin-audit";
    }
}
