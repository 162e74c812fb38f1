package org.village.console;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Each user's language, remembered with their notification preferences (so that notifications and e-mails are
 * written in it too): applied when they sign in on any device, saved when they switch ({@code ?lang=}).
 */
class RememberedLanguage extends SavedRequestAwareAuthenticationSuccessHandler implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(RememberedLanguage.class);
    static final String PREFERENCES = "/api/me/notification-preferences";

    private final VillageApi api;
    private final LocaleResolver locales;

    RememberedLanguage(VillageApi api, LocaleResolver locales) {
        this.api = api;
        this.locales = locales;
    }

    /** Signed in: the language they chose before, wherever they chose it. */
    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws ServletException, IOException {
        try {
            Object language = api.get(authentication, PREFERENCES).get("language");
            if (language != null) {
                locales.setLocale(request, response, Locale.forLanguageTag(language.toString()));
            }
        } catch (RuntimeException unavailable) {
            log.info("Could not read the user's language; the browser's is used: {}", unavailable.getMessage());
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }

    /** Switched with {@code ?lang=}: remembered for the user (after the locale interceptor applied it). */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String asked = request.getParameter("lang");
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (("en".equals(asked) || "es".equals(asked))
                && "GET".equals(request.getMethod())
                && user != null
                && user.getPrincipal() instanceof OidcUser) {
            try {
                Map<String, Object> preferences = new LinkedHashMap<>(api.get(user, PREFERENCES));
                if (!asked.equals(preferences.get("language"))) {
                    preferences.put("language", asked);
                    api.put(user, PREFERENCES, preferences);
                }
            } catch (RuntimeException unavailable) {
                log.info("Could not remember the user's language: {}", unavailable.getMessage());
            }
        }
        return true;
    }
}
