package org.village.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The officer's screens (an advocate may record a walk-in too): a new intake with the LAP-11 questions, its
 * result, and "my intakes" with their status and assigned advocate, never the survivor's details.
 */
@Controller
class IntakeScreens {

    private final VillageApi api;

    IntakeScreens(VillageApi api) {
        this.api = api;
    }

    @GetMapping("/intakes/new")
    String newIntake(Authentication user, Model model) {
        Viewer viewer = recorder(user);
        model.addAttribute("viewer", viewer);
        model.addAttribute("form", new IntakeForm());
        model.addAttribute("questions", IntakeForm.QUESTIONS);
        model.addAttribute("errors", Map.of());
        return "intake-new";
    }

    @PostMapping("/intakes")
    String submit(
            Authentication user,
            @ModelAttribute("form") IntakeForm form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Viewer viewer = recorder(user);
        try {
            Map<String, Object> created =
                    api.post(user, "/api/intakes", form.body(Times.zone(request)), form.getIdempotencyKey());
            return "redirect:/intakes/" + created.get("intakeId");
        } catch (VillageApi.Problem problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            response.setStatus(problem.status());
            model.addAttribute("viewer", viewer);
            model.addAttribute("questions", IntakeForm.QUESTIONS);
            model.addAttribute("errors", problem.fieldErrors());
            model.addAttribute("problem", problem.getMessage());
            model.addAttribute("refusal", Refusal.of("intake", problem, Map.of()));
            return "intake-new";
        }
    }

    /** The screen's result while the officer answers: scored by intake-service, nothing stored. */
    @PostMapping("/intakes/screen")
    String screen(Authentication user, @ModelAttribute("form") IntakeForm form, Model model) {
        recorder(user);
        Map<String, Object> screen = form.screen();
        model.addAttribute("scored", api.post(user, "/api/intakes/screen-preview", screen, null));
        return "screen-result :: result";
    }

    @GetMapping("/intakes")
    String mine(Authentication user, Model model) {
        Viewer viewer = recorder(user);
        model.addAttribute("viewer", viewer);
        model.addAttribute(
                "intakes", api.get(user, "/api/intakes?mine=true&limit=50").getOrDefault("items", List.of()));
        return "intakes-mine";
    }

    @GetMapping("/intakes/{intakeId}")
    String one(Authentication user, @PathVariable String intakeId, Model model) {
        Viewer viewer = recorder(user);
        model.addAttribute("intake", api.one(user, "/api/intakes/" + intakeId));
        model.addAttribute("viewer", viewer);
        return "intake";
    }

    /** The caller, when they record intakes; otherwise the console's 404 page. */
    private static Viewer recorder(Authentication user) {
        return Screens.require(user, "OFFICER", "ADVOCATE");
    }
}
