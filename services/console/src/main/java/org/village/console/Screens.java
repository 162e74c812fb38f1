package org.village.console;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** What the screens share: who may open them, and how a refused change comes back to its form. */
final class Screens {

    private Screens() {}

    /** The caller, when they hold one of the roles; otherwise the console's 404 page (a screen not theirs). */
    static Viewer require(Authentication user, String... roles) {
        Viewer viewer = Viewer.of(user);
        if (Arrays.stream(roles).noneMatch(viewer::has)) {
            throw notFound();
        }
        return viewer;
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    /** Refusals of a resource that is gone or not the caller's become the 404 page; others go back to the form. */
    static void refused(
            RedirectAttributes redirect, String form, VillageApi.Problem problem, Map<String, String> typed) {
        if (problem.notFound()) {
            throw notFound();
        }
        if (problem.status() >= 500 || problem.status() == 401) {
            throw problem;
        }
        redirect.addFlashAttribute("refusal", Refusal.of(form, problem, new LinkedHashMap<>(typed)));
    }
}
