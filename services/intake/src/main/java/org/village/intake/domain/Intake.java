package org.village.intake.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.village.events.IntakePersonalDataErased;
import org.village.events.IntakeSubmitted;

/**
 * An intake: the screen and its result, what the survivor needs, and, once case-service opened a case for
 * it, the case and the advocate who works it. The survivor's identity is not here: it is {@link PersonalData},
 * sealed apart.
 */
public record Intake(
        String id,
        String departmentId,
        String officerId,
        Instant submittedAt,
        Incident incident,
        Screen screen,
        ScreenResult result,
        List<String> needs,
        @Nullable String preferredLanguage,
        int householdSize,
        IntakeStatus status,
        @Nullable String caseId,
        @Nullable String agencyId,
        @Nullable String assignedAdvocate,
        boolean erased) {

    public Intake {
        needs = List.copyOf(needs);
    }

    /** Records a new intake, scoring its screen. */
    public static Intake submit(
            String id,
            String departmentId,
            String officerId,
            Instant now,
            PersonalData personal,
            Incident incident,
            Screen screen,
            List<String> needs) {
        LethalityScreen version = LethalityScreen.version(screen.version())
                .orElseThrow(() -> new InvalidScreenException("lethalityScreen.version", "{screen-version-unknown}"));
        ScreenResult result = version.score(screen.answers(), screen.officerBelievesHighDanger());
        Survivor survivor = personal.survivor();
        return new Intake(
                id,
                departmentId,
                officerId,
                now,
                incident,
                screen,
                result,
                needs,
                survivor.preferredLanguage(),
                1 + survivor.children(),
                IntakeStatus.SUBMITTED,
                null,
                null,
                null,
                false);
    }

    /** The event announcing this intake: ids, codes and counts only. */
    public IntakeSubmitted submitted() {
        return new IntakeSubmitted(
                id,
                departmentId,
                officerId,
                submittedAt,
                result.dangerLevel(),
                result.screenedIn(),
                result.screenReason().name(),
                screen.hotlineContacted(),
                needs,
                preferredLanguage,
                householdSize,
                result.screenCompleted(),
                screen.victimSpokeWithHotline(),
                IntakeSubmitted.recencyOf(incident.occurredAt(), submittedAt));
    }

    public IntakePersonalDataErased personalDataErased(Instant at) {
        return new IntakePersonalDataErased(id, caseId, at);
    }
}
