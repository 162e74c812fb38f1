package org.village.reporting.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One lethality screen as the reports count it, from intake-service's event: who screened (the police agency),
 * when, and the outcome codes; never anything about the person. {@code agencyId} is the advocacy agency the case
 * went to, once case-service has opened it; the household's size, the preferred language and how long ago the
 * incident was (a band) are the funders' counts.
 */
public record ScreenFact(
        String intakeId,
        String departmentId,
        Instant submittedAt,
        String screenReason,
        boolean screenCompleted,
        boolean victimSpokeWithHotline,
        @Nullable String agencyId,
        int householdSize,
        @Nullable String preferredLanguage,
        @Nullable String incidentRecency) {

    /** The survivor's children in the household: everyone else in it. */
    public int children() {
        return householdSize - 1;
    }

    /** Screened in because of the protocol's questions (one of the first three, or enough of the others). */
    public boolean inByProtocol() {
        return screenReason.equals("PROTOCOL_QUESTIONS_1_3") || screenReason.equals("PROTOCOL_COUNT");
    }

    /** Screened in on the officer's belief alone. */
    public boolean inByOfficerBelief() {
        return screenReason.equals("OFFICER_JUDGMENT");
    }

    public boolean screenedIn() {
        return inByProtocol() || inByOfficerBelief();
    }
}
