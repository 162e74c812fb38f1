package org.village.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Everyone's first screen is their work: an advocate's or supervisor's caseload, a shelter's referrals, an
 * admin's operations, an officer's notifications. Everyone has the notification list (the bell opens it) and
 * their preferences: how to be reached and in which language.
 */
@Controller
class HomeController {

    private final VillageApi api;
    private final LocaleResolver locales;

    HomeController(VillageApi api, LocaleResolver locales) {
        this.api = api;
        this.locales = locales;
    }

    @GetMapping("/")
    String home(Authentication user, Model model) {
        Viewer viewer = Viewer.of(user);
        if (viewer.worksCases()) {
            return "redirect:/dashboard";
        }
        if (viewer.isShelter()) {
            return "redirect:/referrals";
        }
        if (viewer.isAdmin()) {
            return "redirect:/admin";
        }
        return notifications(user, model);
    }

    @GetMapping("/notifications")
    String notifications(Authentication user, Model model) {
        model.addAttribute("viewer", Viewer.of(user));
        model.addAttribute("notifications", VillageApi.items(api.get(user, "/api/notifications?limit=50")));
        model.addAttribute("unread", api.get(user, "/api/notifications/unread-count"));
        return "home";
    }

    /** The list's live part, refreshed when a notification arrives. */
    @GetMapping("/notifications/live")
    String notificationsLive(Authentication user, Model model) {
        notifications(user, model);
        return "home :: live";
    }

    @PostMapping("/notifications/{notificationId}/ack")
    String acknowledge(
            Authentication user,
            @PathVariable String notificationId,
            @RequestParam(defaultValue = "/notifications") String back) {
        api.post(user, "/api/notifications/" + notificationId + "/ack", null, null);
        return "redirect:" + (back.matches("/[a-z/-]*") ? back : "/notifications");
    }

    @GetMapping("/preferences")
    String preferences(Authentication user, Model model) {
        model.addAttribute("viewer", Viewer.of(user));
        model.addAttribute("preferences", api.get(user, "/api/me/notification-preferences"));
        return "preferences";
    }

    @PostMapping("/preferences")
    String choose(
            Authentication user,
            @RequestParam Map<String, String> form,
            @RequestParam(name = "channels", required = false) List<String> channels,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Viewer.of(user);
        String language = "es".equals(form.get("language")) ? "es" : "en";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", CaseScreens.blankToNull(form.get("email")));
        body.put("channels", channels == null ? List.of("IN_APP") : channels);
        body.put("language", language);
        try {
            api.put(user, "/api/me/notification-preferences", body);
            locales.setLocale(request, response, Locale.forLanguageTag(language));
            redirect.addFlashAttribute("saved", "preferences");
        } catch (VillageApi.Problem problem) {
            Screens.refused(redirect, "preferences", problem, form);
        }
        return "redirect:/preferences";
    }
}
