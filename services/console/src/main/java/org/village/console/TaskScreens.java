package org.village.console;

import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "My tasks": the follow-ups assigned to the caller (an officer's welfare check, an advocate's calls), and done. */
@Controller
class TaskScreens {

    private final VillageApi api;

    TaskScreens(VillageApi api) {
        this.api = api;
    }

    @GetMapping("/tasks")
    String mine(Authentication user, Model model) {
        model.addAttribute("viewer", assignee(user));
        model.addAttribute(
                "tasks", api.get(user, "/api/tasks?mine=true&limit=50").getOrDefault("items", List.of()));
        return "tasks-mine";
    }

    @PostMapping("/tasks/{taskId}/complete")
    String complete(Authentication user, @PathVariable String taskId, @RequestParam(required = false) String outcome) {
        assignee(user);
        try {
            api.post(
                    user,
                    "/api/tasks/" + taskId + "/complete",
                    outcome == null || outcome.isBlank() ? Map.of() : Map.of("outcome", outcome.strip()),
                    null);
        } catch (VillageApi.Problem problem) {
            if (problem.notFound()) {
                throw Screens.notFound();
            }
            throw problem;
        }
        return "redirect:/tasks";
    }

    /** The caller, when follow-ups are theirs to do; otherwise the console's 404 page. */
    private static Viewer assignee(Authentication user) {
        return Screens.require(user, "OFFICER", "ADVOCATE", "SUPERVISOR");
    }
}
