package org.village.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page needs: how long an idle session lasts (for the warning a minute before it ends), times in the
 * user's zone, and the bell's unread count.
 */
@ControllerAdvice
class PageDefaults {

    private final ConsoleProperties properties;
    private final VillageApi api;

    PageDefaults(ConsoleProperties properties, VillageApi api) {
        this.properties = properties;
        this.api = api;
    }

    @ModelAttribute("idleSeconds")
    long idleSeconds() {
        return properties.idleTimeout().toSeconds();
    }

    @ModelAttribute("times")
    Times times(HttpServletRequest request, Locale locale) {
        return Times.of(request, locale);
    }

    /** The unread count for the bell, on pages (not on changes, which redirect, nor on live fragments). */
    @ModelAttribute("bell")
    @Nullable
    Map<String, Object> bell(@Nullable Authentication user, HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())
                || IdleSessions.passive(request)
                || user == null
                || !(user.getPrincipal() instanceof OidcUser)) {
            return null;
        }
        try {
            return api.get(user, "/api/notifications/unread-count");
        } catch (RuntimeException unavailable) {
            return null;
        }
    }
}
