package org.village.reporting.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One case as the reports count it, from case-service's events: the advocacy agency, the danger level, when it
 * opened and, once it has, when and why it closed. A case is one survivor: counting cases counts people without
 * ever knowing who they are.
 */
public record CaseFact(
        String caseId,
        String intakeId,
        String agencyId,
        String dangerLevel,
        Instant openedAt,
        @Nullable Instant closedAt,
        @Nullable String closureReason) {

    /** Open at some moment of the period. */
    public boolean servedIn(Period period) {
        return openedAt.isBefore(period.end()) && (closedAt == null || !closedAt.isBefore(period.start()));
    }

    /** Closed within the period: a leaver, in HUD's words. */
    public boolean closedIn(Period period) {
        return closedAt != null && period.contains(closedAt);
    }
}
