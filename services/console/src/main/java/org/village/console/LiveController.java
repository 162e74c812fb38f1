package org.village.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The live signal pages listen to, the bell it updates, and "stay signed in" from the idle warning. */
@Controller
class LiveController {

    private final LiveFeeds feeds;
    private final VillageApi api;

    LiveController(LiveFeeds feeds, VillageApi api) {
        this.feeds = feeds;
        this.api = api;
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(Authentication user, HttpServletRequest request) {
        Viewer.of(user);
        return feeds.join(request.getSession(), api.token(user));
    }

    /** The bell: how many notifications are unread, as a fragment the page swaps in. */
    @GetMapping("/bell")
    String bell(Authentication user, Model model) {
        Viewer.of(user);
        Map<String, Object> unread = api.get(user, "/api/notifications/unread-count");
        model.addAttribute("bell", unread);
        return "fragments :: bell";
    }

    /** The person is still there: the idle warning's button. */
    @PostMapping("/session/stay")
    ResponseEntity<Void> stay(Authentication user) {
        Viewer.of(user);
        return ResponseEntity.noContent().build();
    }
}
