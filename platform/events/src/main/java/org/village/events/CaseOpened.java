package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;

/** A case was opened for an intake in the department's responsible agency. */
public record CaseOpened(
        String caseId,
        String intakeId,
        String agencyId,
        String departmentId,
        String officerId,
        DangerLevel dangerLevel,
        Instant openedAt)
        implements CaseEvent {

    public CaseOpened {
        present(caseId, "caseId");
        present(intakeId, "intakeId");
        present(agencyId, "agencyId");
        present(departmentId, "departmentId");
        present(officerId, "officerId");
        present(dangerLevel, "dangerLevel");
        present(openedAt, "openedAt");
    }

    @Override
    public String subject() {
        return caseId;
    }
}
