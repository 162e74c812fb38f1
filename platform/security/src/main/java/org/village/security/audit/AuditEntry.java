package org.village.security.audit;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One access to survivor data, allowed or denied: who (user, roles, organisation), what (action and
 * resource), when (UTC), how it ended, and the request's correlation id. Never the data itself.
 *
 * @param scopeOrg the agency the resource belongs to, so that its supervisors may read the entry
 */
public record AuditEntry(
        long seq,
        Instant at,
        String actor,
        List<String> roles,
        String org,
        String action,
        String resourceType,
        String resourceId,
        @Nullable String scopeOrg,
        Outcome outcome,
        @Nullable String correlationId,
        String previousHash,
        @Nullable String hash) {

    /** How an access ended. */
    public enum Outcome {
        ALLOWED,
        DENIED
    }

    /** The text the hash covers: every field but the hash itself, the previous entry's hash included. */
    String canonical() {
        return String.join(
                "|",
                Long.toString(seq),
                at.toString(),
                actor,
                String.join(",", roles),
                org,
                action,
                resourceType,
                resourceId,
                String.valueOf(scopeOrg),
                outcome.name(),
                String.valueOf(correlationId),
                previousHash);
    }
}
