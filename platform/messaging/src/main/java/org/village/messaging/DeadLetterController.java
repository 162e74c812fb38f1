package org.village.messaging;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.village.events.ProblemTypes;
import org.village.security.Caller;
import org.village.security.Role;

/**
 * Operations (docs/API.md): an admin lists what this service's consumers gave up on, and replays a dead letter once
 * its cause is fixed. Through the gateway: {@code /api/admin/dead-letters?service=<name>}.
 */
@RestController
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** This service's dead letters, newest first. */
    public record Listing(List<DeadLetters.DeadLetter> items) {}

    @GetMapping("/api/admin/dead-letters")
    public Listing list(Caller caller) {
        adminOnly(caller);
        return new Listing(deadLetters.list());
    }

    /**
     * 202: the original record was handed to this service's consumer again; had it failed again, it lies on the
     * dead-letter topic beside the first.
     */
    @PostMapping("/api/admin/dead-letters/{deadLetterId}/replay")
    public ResponseEntity<DeadLetters.DeadLetter> replay(Caller caller, @PathVariable String deadLetterId) {
        adminOnly(caller);
        try {
            return deadLetters
                    .replay(deadLetterId, caller.userId())
                    .map(replayed -> ResponseEntity.accepted().body(replayed))
                    .orElseThrow(() -> problem(
                            HttpStatus.NOT_FOUND,
                            ProblemTypes.NOT_FOUND,
                            "No dead letter " + deadLetterId + " of this service"));
        } catch (IllegalArgumentException malformed) {
            throw problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, malformed.getMessage());
        }
    }

    private static void adminOnly(Caller caller) {
        if (!caller.has(Role.ADMIN)) {
            throw problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Only an admin handles dead letters");
        }
    }

    private static ErrorResponseException problem(HttpStatus status, String type, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        return new ErrorResponseException(status, problem, null);
    }
}
