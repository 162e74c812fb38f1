package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
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
        @Nullable Boolean victimSpokeWithHotline)
        implements IntakeEvent {

    /** As published before {@code screenCompleted} and {@code victimSpokeWithHotline} were added. */
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
