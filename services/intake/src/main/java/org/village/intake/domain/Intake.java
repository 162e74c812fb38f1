package org.village.intake.domain;

import java.time.Instant;
import java.util.List;
import org.village.events.IntakeSubmitted;

/**
 * An intake: what the officer recorded at the scene, the screen's result, and, once case-service opened a
 * case for it, the case and the advocate who works it.
 */
public record Intake(
        String id,
        String departmentId,
        String officerId,
        Instant submittedAt,
        Survivor survivor,
        Incident incident,
        Screen screen,
        ScreenResult result,
        List<String> needs,
        IntakeStatus status,
        String caseId,
        String agencyId,
        String assignedAdvocate) {

    public Intake {
        needs = List.copyOf(needs);
    }

    /** Records a new intake, scoring its screen. */
    public static Intake submit(String id, String departmentId, String officerId, Instant now, Survivor survivor,
                                Incident incident, Screen screen, List<String> needs) {
        LethalityScreen version = LethalityScreen.version(screen.version())
                .orElseThrow(() -> new InvalidScreenException("lethalityScreen.version", "is not a known screen version"));
        ScreenResult result = version.score(screen.answers(), screen.officerBelievesHighDanger());
        return new Intake(id, departmentId, officerId, now, survivor, incident, screen, result, needs,
                IntakeStatus.SUBMITTED, null, null, null);
    }

    /** The survivor plus the children in the household. */
    public int householdSize() {
        return 1 + survivor.children();
    }

    /** The event announcing this intake: ids, codes and counts only. */
    public IntakeSubmitted submitted() {
        return new IntakeSubmitted(id, departmentId, officerId, submittedAt, result.dangerLevel(), result.screenedIn(),
                result.screenReason().name(), screen.hotlineContacted(), needs, survivor.preferredLanguage(),
                householdSize());
    }
}
