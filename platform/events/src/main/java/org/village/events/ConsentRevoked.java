package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;

/** The survivor took a consent back; it ends at once (D3). */
public record ConsentRevoked(String consentId, String caseId, String recipientId, Instant revokedAt)
        implements CaseEvent {

    public ConsentRevoked {
        present(consentId, "consentId");
        present(caseId, "caseId");
        present(recipientId, "recipientId");
        present(revokedAt, "revokedAt");
    }

    @Override
    public String subject() {
        return consentId;
    }
}
