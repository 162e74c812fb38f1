package org.village.referral.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What referral-service knows of a survivor's consent (from case-service's events). */
public record ConsentGrant(
        String consentId,
        String caseId,
        String recipientId,
        List<String> scope,
        Instant expiresAt,
        @Nullable Instant revokedAt) {

    public ConsentGrant {
        scope = List.copyOf(scope);
    }

    /** D3: valid until revoked or expired. */
    public boolean validAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }

    public boolean covers(Set<String> details) {
        return scope.containsAll(details);
    }
}
