package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import java.util.List;

/** The survivor consented to sharing the listed details with one named recipient until a date (D3). */
public record ConsentGranted(
        String consentId,
        String caseId,
        String recipientType,
        String recipientId,
        List<String> scope,
        Instant expiresAt)
        implements CaseEvent {

    public ConsentGranted {
        present(consentId, "consentId");
        present(caseId, "caseId");
        present(recipientType, "recipientType");
        present(recipientId, "recipientId");
        scope = Require.list(scope);
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("scope must name at least one detail");
        }
        present(expiresAt, "expiresAt");
    }

    @Override
    public String subject() {
        return consentId;
    }
}
