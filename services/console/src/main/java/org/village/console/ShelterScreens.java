package org.village.console;

import java.util.LinkedHashMap;
import java.util.Map;
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
 * The shelter's front desk: incoming referrals with the time left to answer, each accepted, declined with a
 * reason, or completed; only the details the survivor consented to (or that they are withheld); and the
 * shelter's bed counts with the beds that referrals hold.
 */
@Controller
class ShelterScreens {

    private final VillageApi api;

    ShelterScreens(VillageApi api) {
        this.api = api;
    }

    @GetMapping("/referrals")
    String referrals(Authentication user, Model model) {
        model.addAttribute("viewer", Screens.require(user, "SHELTER_STAFF"));
        model.addAttribute("referrals", VillageApi.items(api.get(user, "/api/referrals?limit=100")));
        return "referrals";
    }

    /** The list's live part, refreshed when a referral arrives. */
    @GetMapping("/referrals/live")
    String referralsLive(Authentication user, Model model) {
        referrals(user, model);
        return "referrals :: live";
    }

    @GetMapping("/referrals/{referralId}")
    String referral(Authentication user, @PathVariable String referralId, Model model) {
        model.addAttribute("viewer", Screens.require(user, "SHELTER_STAFF"));
        model.addAttribute("referral", api.one(user, "/api/referrals/" + referralId));
        model.addAttribute("reasons", Vocabulary.DECLINE_REASONS);
        return "referral";
    }

    @PostMapping("/referrals/{referralId}/{answer:accept|complete}")
    String answer(
            Authentication user,
            @PathVariable String referralId,
            @PathVariable String answer,
            RedirectAttributes redirect) {
        Screens.require(user, "SHELTER_STAFF");
        CaseScreens.change(
                redirect,
                "answer",
                Map.of(),
                () -> api.post(user, "/api/referrals/" + referralId + "/" + answer, null, null));
        return "redirect:/referrals/" + referralId;
    }

    @PostMapping("/referrals/{referralId}/decline")
    String decline(
            Authentication user,
            @PathVariable String referralId,
            @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        Screens.require(user, "SHELTER_STAFF");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", form.getOrDefault("reason", ""));
        body.put("note", CaseScreens.blankToNull(form.get("note")));
        CaseScreens.change(
                redirect,
                "decline",
                form,
                () -> api.post(user, "/api/referrals/" + referralId + "/decline", body, null));
        return "redirect:/referrals/" + referralId;
    }

    @GetMapping("/beds")
    String beds(Authentication user, Model model) {
        Viewer viewer = Screens.require(user, "SHELTER_STAFF");
        model.addAttribute("viewer", viewer);
        model.addAttribute(
                "shelter",
                VillageApi.items(api.get(user, "/api/shelters")).stream()
                        .filter(s -> viewer.org().equals(s.get("shelterId")))
                        .findFirst()
                        .orElseThrow(Screens::notFound));
        return "beds";
    }

    @PostMapping("/beds")
    String changeBeds(Authentication user, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        Viewer viewer = Screens.require(user, "SHELTER_STAFF");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", whole(form.get("total")));
        body.put("occupied", whole(form.get("occupied")));
        CaseScreens.change(
                redirect, "beds", form, () -> api.put(user, "/api/shelters/" + viewer.org() + "/beds", body));
        return "redirect:/beds";
    }

    /** A whole number as typed, or the text itself so that the API names what is wrong with it. */
    static @Nullable Object whole(@Nullable String typed) {
        try {
            return Integer.parseInt(typed == null ? "" : typed.strip());
        } catch (NumberFormatException notANumber) {
            return typed == null ? null : typed.strip();
        }
    }
}
