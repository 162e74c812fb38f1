package org.village.security.audit;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
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

    /** The entries about one resource, oldest first. */
    public record Entries(List<AuditEntry> items) {
    }

    @GetMapping("/api/admin/audit")
    public Entries entries(Caller caller, @RequestParam String resource) {
        if (caller.has(Role.ADMIN)) {
            return new Entries(trail.about(resource, null));
        }
        if (caller.has(Role.SUPERVISOR)) {
            return new Entries(trail.about(resource, caller.org()));
        }
        throw new ErrorResponseException(HttpStatus.FORBIDDEN);
    }

    @GetMapping("/api/admin/audit/verify")
    public Verification verify(Caller caller) {
        if (!caller.has(Role.ADMIN)) {
            throw new ErrorResponseException(HttpStatus.FORBIDDEN);
        }
        return trail.verify();
    }
}
