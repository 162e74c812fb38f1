package org.village.casework.domain;

import java.time.Instant;
import java.util.Set;

/** Closing a case: the advocate asks with a reason, a supervisor approves (D2). */
public record Closure(String reason, String note, String requestedBy, Instant requestedAt, String closedBy,
                      Instant closedAt) {

    /** Why a case may close. */
    public static final Set<String> REASONS = Set.of("SAFE_AND_STABLE", "SURVIVOR_DECLINED_SERVICES",
            "UNABLE_TO_CONTACT", "TRANSFERRED", "DUPLICATE", "OTHER");
}
