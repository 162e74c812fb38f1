package org.village.security.audit;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.village.events.ProblemTypes;
import org.village.security.Caller;
import org.village.security.Role;

/**
 * Reading a service's audit trail: admins see every entry and can check the chain; a supervisor sees the
 * entries about their own agency's resources.
 */
@RestController
public class AuditController {

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** One page of the entries about one resource, oldest first; {@code nextCursor} continues after it. */
    public record Entries(List<AuditEntry> items, @Nullable String nextCursor) {}

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;

    @GetMapping("/api/admin/audit")
    public Entries entries(
            Caller caller,
            @RequestParam String resource,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        @Nullable String scope;
        if (caller.has(Role.ADMIN)) {
            scope = null;
        } else if (caller.has(Role.SUPERVISOR)) {
            scope = caller.org();
        } else {
            throw new ErrorResponseException(HttpStatus.FORBIDDEN);
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw invalid("limit must be between 1 and " + MAX_LIMIT);
        }
        long after;
        try {
            after = cursor == null ? 0 : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw invalid("cursor is not one this endpoint gave");
        }
        List<AuditEntry> page = trail.about(resource, scope, after, size + 1);
        if (page.size() > size) {
            List<AuditEntry> items = page.subList(0, size);
            return new Entries(
                    List.copyOf(items), String.valueOf(items.get(size - 1).seq()));
        }
        return new Entries(page, null);
    }

    private static ErrorResponseException invalid(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(URI.create(ProblemTypes.VALIDATION_FAILED));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    @GetMapping("/api/admin/audit/verify")
    public Verification verify(Caller caller) {
        if (!caller.has(Role.ADMIN)) {
            throw new ErrorResponseException(HttpStatus.FORBIDDEN);
        }
        return trail.verify();
    }
}
