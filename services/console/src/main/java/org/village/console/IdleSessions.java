package org.village.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session nobody has used for the idle timeout (shared devices). Only what the person does counts as use:
 * the live stream and the refreshes it triggers keep a page current but not the session alive, so an open page
 * left alone still signs its user out.
 */
class IdleSessions extends OncePerRequestFilter {

    static final String LAST_USED = "village.console.lastUsed";
    /** Set by the console's script on the refreshes a live event triggers. */
    static final String LIVE_HEADER = "X-Village-Live";

    private final Duration idleTimeout;
    private final Clock clock;

    IdleSessions(Duration idleTimeout, Clock clock) {
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** A request the page makes by itself, not the person: the live stream, the bell, a live refresh. */
    static boolean passive(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/live") || path.equals("/bell") || request.getHeader(LIVE_HEADER) != null;
    }

    /** Whether a session was last used longer ago than the timeout; an invalidated one has expired too. */
    boolean expired(HttpSession session) {
        try {
            Instant lastUsed = (Instant) session.getAttribute(LAST_USED);
            return lastUsed != null && lastUsed.plus(idleTimeout).isBefore(clock.instant());
        } catch (IllegalStateException invalidated) {
            return true;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            if (expired(session)) {
                session.invalidate();
            } else if (!passive(request)) {
                session.setAttribute(LAST_USED, clock.instant());
            }
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }
}
