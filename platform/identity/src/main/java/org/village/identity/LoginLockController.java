package org.village.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.village.events.ProblemTypes;

/**
 * Sign-in locks, for an admin: {@code GET /api/admin/login-locks} lists the accounts and client addresses locked
 * after too many failed sign-ins; {@code DELETE /api/admin/login-locks?account=…} (or {@code ?address=…}) lifts
 * one. Through the gateway, {@code ?service=identity} names this app.
 */
@RestController
class LoginLockController {

    private final LoginThrottle throttle;

    LoginLockController(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    record LockView(String kind, String value, int failures, Instant lockedUntil) {}

    @GetMapping("/api/admin/login-locks")
    ResponseEntity<?> locks(@AuthenticationPrincipal Jwt token) {
        if (!isAdmin(token)) {
            return forbidden();
        }
        List<LockView> locks = throttle.locks().stream()
                .map(lock -> new LockView(lock.kind().name(), lock.value(), lock.failures(), lock.lockedUntil()))
                .toList();
        return ResponseEntity.ok(Map.of("items", locks));
    }

    @DeleteMapping("/api/admin/login-locks")
    ResponseEntity<?> lift(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) String account,
            @RequestParam(required = false) String address) {
        if (!isAdmin(token)) {
            return forbidden();
        }
        if ((account == null) == (address == null)) {
            ProblemDetail problem =
                    ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Name exactly one of account or address");
            problem.setType(URI.create(ProblemTypes.VALIDATION_FAILED));
            return ResponseEntity.badRequest()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        boolean lifted = account != null
                ? throttle.lift(LoginThrottle.Kind.ACCOUNT, account, token.getSubject())
                : throttle.lift(LoginThrottle.Kind.ADDRESS, address, token.getSubject());
        if (!lifted) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "No sign-in lock is in force for " + (account != null ? account : address));
            problem.setType(URI.create(ProblemTypes.NOT_FOUND));
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        return ResponseEntity.noContent().build();
    }

    private static boolean isAdmin(Jwt token) {
        List<String> roles = token == null ? null : token.getClaimAsStringList("roles");
        return roles != null && roles.contains("ADMIN");
    }

    private static ResponseEntity<ProblemDetail> forbidden() {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Only an admin sees and lifts sign-in locks");
        problem.setType(URI.create(ProblemTypes.FORBIDDEN));
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** A missing or invalid token: 401 as problem details, like every Village API. */
    static void unauthenticated(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setContentType("application/problem+json");
        response.getWriter()
                .write("{\"type\":\"unauthenticated\",\"title\":\"Unauthenticated\",\"status\":401,"
                        + "\"detail\":\"A valid Village access token is required\"}");
    }
}
