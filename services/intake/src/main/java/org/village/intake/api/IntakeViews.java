package org.village.intake.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.village.intake.domain.Intake;
import org.village.intake.domain.PersonalData;

/** The answers of the intake API, each showing only what its reader may see. */
final class IntakeViews {

    private IntakeViews() {}

    /** The answer to a submission. */
    record Submitted(
            String intakeId,
            String dangerLevel,
            boolean screenedIn,
            String screenReason,
            boolean screenCompleted,
            String status) {
        static Submitted of(Intake intake) {
            return new Submitted(
                    intake.id(),
                    intake.result().dangerLevel().name(),
                    intake.result().screenedIn(),
                    intake.result().screenReason().name(),
                    intake.result().screenCompleted(),
                    intake.status().name());
        }
    }

    /** A screen's result before anything is stored. */
    record Scored(String dangerLevel, boolean screenedIn, String screenReason, boolean screenCompleted) {}

    /** What the submitting officer sees: the status of their intake, nothing about the survivor. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Summary(
            String intakeId,
            String status,
            Instant submittedAt,
            String officerId,
            String dangerLevel,
            boolean screenedIn,
            String screenReason,
            boolean screenCompleted,
            boolean hotlineContacted,
            List<String> needs,
            @Nullable String caseId,
            @Nullable String assignedAdvocate) {
        static Summary of(Intake intake) {
            return new Summary(
                    intake.id(),
                    intake.status().name(),
                    intake.submittedAt(),
                    intake.officerId(),
                    intake.result().dangerLevel().name(),
                    intake.result().screenedIn(),
                    intake.result().screenReason().name(),
                    intake.result().screenCompleted(),
                    intake.screen().hotlineContacted(),
                    intake.needs(),
                    intake.caseId(),
                    intake.assignedAdvocate());
        }
    }

    /** What the assigned advocate and the agency's supervisors see: everything, or that it was erased. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Full(
            String intakeId,
            String status,
            Instant submittedAt,
            String officerId,
            String departmentId,
            String dangerLevel,
            boolean screenedIn,
            String screenReason,
            boolean screenCompleted,
            List<String> needs,
            @Nullable String preferredLanguage,
            int householdSize,
            @Nullable String caseId,
            @Nullable String assignedAdvocate,
            Object survivor,
            Map<String, Object> incident,
            Map<String, Object> lethalityScreen) {
        static Full of(Intake intake, Optional<PersonalData> personal) {
            Map<String, Object> incident = new LinkedHashMap<>();
            incident.put("occurredAt", intake.incident().occurredAt());
            incident.put("relationship", intake.incident().relationship());
            personal.ifPresent(p -> {
                incident.put("location", p.incidentLocation());
                incident.put("narrative", p.incidentNarrative());
            });
            Map<String, Object> screen = new LinkedHashMap<>();
            screen.put("version", intake.screen().version());
            screen.put("answers", new TreeMap<>(intake.screen().answers()));
            screen.put("officerBelievesHighDanger", intake.screen().officerBelievesHighDanger());
            screen.put("hotlineContacted", intake.screen().hotlineContacted());
            screen.put("victimSpokeWithHotline", intake.screen().victimSpokeWithHotline());
            Object survivor = personal.<Object>map(PersonalData::survivor).orElse(Map.of("erased", true));
            return new Full(
                    intake.id(),
                    intake.status().name(),
                    intake.submittedAt(),
                    intake.officerId(),
                    intake.departmentId(),
                    intake.result().dangerLevel().name(),
                    intake.result().screenedIn(),
                    intake.result().screenReason().name(),
                    intake.result().screenCompleted(),
                    intake.needs(),
                    intake.preferredLanguage(),
                    intake.householdSize(),
                    intake.caseId(),
                    intake.assignedAdvocate(),
                    survivor,
                    incident,
                    screen);
        }
    }
}
