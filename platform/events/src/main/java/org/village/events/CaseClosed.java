package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;

/** A supervisor closed the case; its open tasks are cancelled and pending referrals are to be revoked. */
public record CaseClosed(String caseId, Instant closedAt, String reasonCode) implements CaseEvent {

    public CaseClosed {
        present(caseId, "caseId");
        present(closedAt, "closedAt");
        present(reasonCode, "reasonCode");
    }

    @Override
    public String subject() {
        return caseId;
    }
}
