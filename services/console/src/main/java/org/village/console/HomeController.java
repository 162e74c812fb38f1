package org.village.console;

import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Everyone's first screen: their notifications, the ones to acknowledge first, and what they can do next. */
@Controller
class HomeController {

    private final VillageApi api;

    HomeController(VillageApi api) {
        this.api = api;
    }

    @GetMapping("/")
    String home(Authentication user, Model model) {
        model.addAttribute("viewer", Viewer.of(user));
        Map<String, Object> page = api.get(user, "/api/notifications?limit=20");
        model.addAttribute("notifications", page.getOrDefault("items", List.of()));
        model.addAttribute("unread", api.get(user, "/api/notifications/unread-count"));
        return "home";
    }

    @PostMapping("/notifications/{notificationId}/ack")
    String acknowledge(Authentication user, @PathVariable String notificationId) {
        api.post(user, "/api/notifications/" + notificationId + "/ack", null, null);
        return "redirect:/";
    }
}
