package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An officer (or advocate) recorded an intake; carries the screen's outcome, never the survivor's identity. */
public record IntakeSubmitted(
        String intakeId,
        String departmentId,
        String officerId,
        Instant submittedAt,
        DangerLevel dangerLevel,
        boolean screenedIn,
        String screenReason,
        boolean hotlineContacted,
        List<String> needs,
        @Nullable String preferredLanguage,
        int householdSize,
        @Nullable Boolean screenCompleted,
        @Nullable Boolean victimSpokeWithHotline,
        @Nullable String incidentRecency)
        implements IntakeEvent {

    /**
     * How long before the intake the incident happened, in the bands funders ask about (HUD's "when experience
     * occurred"), or null when its time is not known; never the date itself.
     */
    public static final List<String> INCIDENT_RECENCIES =
            List.of("WITHIN_3_MONTHS", "3_TO_6_MONTHS", "6_TO_12_MONTHS", "A_YEAR_OR_MORE");

    /** The band of {@link #INCIDENT_RECENCIES} an incident at {@code occurredAt} falls in, seen at {@code now}. */
    public static @Nullable String recencyOf(@Nullable Instant occurredAt, Instant now) {
        if (occurredAt == null) {
            return null;
        }
        LocalDate then = occurredAt.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        if (!then.isBefore(today.minusMonths(3))) {
            return INCIDENT_RECENCIES.get(0);
        }
        if (!then.isBefore(today.minusMonths(6))) {
            return INCIDENT_RECENCIES.get(1);
        }
        if (!then.isBefore(today.minusMonths(12))) {
            return INCIDENT_RECENCIES.get(2);
        }
        return INCIDENT_RECENCIES.get(3);
    }

    /** As published before {@code screenCompleted}, {@code victimSpokeWithHotline} and {@code incidentRecency}. */
    public IntakeSubmitted(
            String intakeId,
            String departmentId,
            String officerId,
            Instant submittedAt,
            DangerLevel dangerLevel,
            boolean screenedIn,
            String screenReason,
            boolean hotlineContacted,
            List<String> needs,
            @Nullable String preferredLanguage,
            int householdSize) {
        this(
                intakeId,
                departmentId,
                officerId,
                submittedAt,
                dangerLevel,
                screenedIn,
                screenReason,
                hotlineContacted,
                needs,
                preferredLanguage,
                householdSize,
                null,
                null,
                null);
    }

    public IntakeSubmitted {
        present(intakeId, "intakeId");
        present(departmentId, "departmentId");
        present(officerId, "officerId");
        present(submittedAt, "submittedAt");
        present(dangerLevel, "dangerLevel");
        present(screenReason, "screenReason");
        needs = Require.list(needs);
        if (householdSize < 1) {
            throw new IllegalArgumentException("householdSize must be at least 1");
        }
        if (incidentRecency != null && !INCIDENT_RECENCIES.contains(incidentRecency)) {
            throw new IllegalArgumentException("incidentRecency must be one of " + INCIDENT_RECENCIES);
        }
    }

    @Override
    public String partitionKey() {
        return intakeId;
    }

    @Override
    public String subject() {
        return intakeId;
    }
}
