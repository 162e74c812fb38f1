package org.village.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page, in the console's language (the {@code ui_locales} the console sends with the sign-in request,
 * else the browser's) and with its look: plain words, large targets, a clear sentence when sign-in fails or is
 * held back after too many attempts. No script; the form posts to Spring Security's login endpoint.
 */
@Controller
class SignInPage {

    private static final String STYLE = """
            *,*::before,*::after{box-sizing:border-box}
            body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;
              color:#1b1b1b;background:#fff}
            .top{background:#12355b;color:#fff;padding:.75rem 1rem;font-weight:700}
            main{padding:1rem;max-width:28rem;margin:0 auto}
            h1{font-size:1.6rem;margin:.5rem 0 1rem}
            label{display:block;margin:.75rem 0 .25rem;font-weight:600}
            input{width:100%;min-height:44px;padding:.5rem;font:inherit;border:1px solid #4a4a4a;border-radius:4px}
            input:focus,button:focus{outline:3px solid #b35900;outline-offset:2px}
            button{margin-top:1rem;min-height:44px;padding:.6rem 1.1rem;border:2px solid #0b4f8a;border-radius:6px;
              background:#0b4f8a;color:#fff;font:inherit;font-weight:600;cursor:pointer;width:100%}
            .problem{border:2px solid #a30000;background:#fff4f4;color:#5c0000;padding:.75rem 1rem;border-radius:6px}
            .done{color:#1e5c2a;font-weight:600}
            """;

    private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

    @GetMapping("/login")
    ResponseEntity<String> page(HttpServletRequest request, HttpServletResponse response, CsrfToken csrf) {
        boolean es = spanish(request, response);
        String problem = null;
        if (request.getParameter("error") != null) {
            HttpSession session = request.getSession(false);
            Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            if (failure instanceof LoginThrottle.Refused refused) {
                long minutes = Math.max(1, (refused.retryAfter().toSeconds() + 59) / 60);
                problem = es
                        ? "Demasiados intentos fallidos. Vuelva a intentarlo en " + minutes + " min."
                        : "Too many failed attempts. Try again in " + minutes + " min.";
            } else if (failure instanceof AuthenticationException || failure == null) {
                problem = es ? "El usuario o la contraseña no son correctos." : "The user name or password is wrong.";
            }
        }
        String html = "<!DOCTYPE html><html lang=\"" + (es ? "es" : "en") + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + (es ? "Iniciar sesión" : "Sign in") + " · Village</title>"
                + "<link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/sign-in.css\"></head>"
                + "<body><header class=\"top\">Village</header><main id=\"main\">"
                + "<h1>" + (es ? "Iniciar sesión" : "Sign in") + "</h1>"
                + (request.getParameter("logout") != null
                        ? "<p class=\"done\" role=\"status\">" + (es ? "Cerró la sesión." : "You are signed out.")
                                + "</p>"
                        : "")
                + (problem == null
                        ? ""
                        : "<div class=\"problem\" role=\"alert\" id=\"problem\"><p>" + HtmlUtils.htmlEscape(problem)
                                + "</p></div>")
                + "<form method=\"post\" action=\"" + request.getContextPath() + "/login\">"
                + "<label for=\"username\">" + (es ? "Usuario" : "User name") + "</label>"
                + "<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus"
                + (problem == null ? "" : " aria-describedby=\"problem\"") + ">"
                + "<label for=\"password\">" + (es ? "Contraseña" : "Password") + "</label>"
                + "<input type=\"password\" id=\"password\" name=\"password\" "
                + "autocomplete=\"current-password\" required>"
                + (csrf == null
                        ? ""
                        : "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName())
                                + "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">")
                + "<button type=\"submit\">" + (es ? "Entrar" : "Sign in") + "</button></form></main></body></html>";
        // no form-action: a browser applies it to the redirects after the sign-in too, which end at the console
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'self'; " + "frame-ancestors 'none'; base-uri 'none'")
                .body(html);
    }

    @GetMapping(path = "/sign-in.css", produces = "text/css")
    ResponseEntity<String> style() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                .body(STYLE);
    }

    /** Spanish when the console asked for it (ui_locales), else when the browser prefers it. */
    private boolean spanish(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requests.getRequest(request, response);
        if (saved != null && saved.getParameterValues("ui_locales") != null) {
            return saved.getParameterValues("ui_locales")[0]
                    .toLowerCase(Locale.ROOT)
                    .startsWith("es");
        }
        return "es".equals(request.getLocale().getLanguage());
    }
}
