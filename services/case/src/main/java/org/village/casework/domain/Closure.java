package org.village.casework.domain;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.village.events.Vocabulary;

/** Closing a case: the advocate asks with a reason, a supervisor approves (D2). */
public record Closure(
        String reason,
        @Nullable String note,
        String requestedBy,
        Instant requestedAt,
        @Nullable String closedBy,
        @Nullable Instant closedAt) {

    /** Why a case may close. */
    public static final Set<String> REASONS = Set.copyOf(Vocabulary.CLOSURE_REASONS);
}
