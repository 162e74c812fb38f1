package org.village.casework.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.village.casework.CaseProperties;
import org.village.casework.domain.AssignmentPolicy;
import org.village.casework.domain.CaseFile;
import org.village.casework.domain.Task;
import org.village.casework.domain.TimelineEntry;
import org.village.casework.store.CaseStore;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.IntakeSubmitted;
import org.village.events.VillageEvent;
import org.village.messaging.AppliedEvents;
import org.village.messaging.UnprocessableEventException;

/**
 * D2: every intake opens a case in the responsible agency, assigned at once, with its follow-ups scheduled.
 * The case id comes from the intake id, so a replayed intake finds its case and changes nothing.
 */
@Component
public class CaseOpening {

    private static final Logger log = LoggerFactory.getLogger(CaseOpening.class);

    private final CaseStore store;
    private final CaseProperties properties;
    private final Clock clock;

    public CaseOpening(CaseStore store, CaseProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    public static String caseIdFor(String intakeId) {
        return AppliedEvents.derivedId(intakeId, "case");
    }

    public void open(IntakeSubmitted intake) {
        String caseId = caseIdFor(intake.intakeId());
        String agency = properties
                .agencyFor(intake.departmentId())
                .orElseThrow(() -> new UnprocessableEventException(
                        "No advocacy agency is responsible for organisation " + intake.departmentId()));
        List<String> advocates = properties.advocatesOf(agency);
        Optional<String> advocate = AssignmentPolicy.choose(advocates, store.loads());
        if (advocate.isEmpty()) {
            log.warn("Agency {} has no advocate: case {} opens unassigned", agency, caseId);
        }
        boolean byOfficer = !intake.departmentId().equals(agency);
        Instant now = clock.instant();
        List<Task> tasks =
                properties.followUps().schedule().tasksFor(caseId, intake, advocate.orElse(null), byOfficer, now);

        List<VillageEvent> events = new ArrayList<>();
        events.add(new CaseOpened(
                caseId,
                intake.intakeId(),
                agency,
                intake.departmentId(),
                intake.officerId(),
                intake.dangerLevel(),
                now));
        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(new TimelineEntry(
                now,
                "CASE_OPENED",
                "system",
                "Case opened from intake, danger " + intake.dangerLevel() + " (" + intake.screenReason() + ")"));
        advocate.ifPresent(name -> {
            events.add(new AdvocateAssigned(caseId, name, null, now));
            timeline.add(new TimelineEntry(now, "ADVOCATE_ASSIGNED", "system", "Assigned to " + name));
        });
        for (Task task : tasks) {
            events.add(task.scheduled(caseId));
            timeline.add(new TimelineEntry(
                    now, "TASK_SCHEDULED", "system", task.kind() + " for " + task.assignee() + " due " + task.dueAt()));
        }
        CaseFile file = CaseFile.opened(
                caseId,
                intake.intakeId(),
                agency,
                intake.departmentId(),
                intake.officerId(),
                intake.dangerLevel(),
                advocate.orElse(null),
                now,
                tasks,
                timeline);
        // a replayed intake's case exists already: its insert is refused and nothing changes (no read first, for
        // the one intake in very many that is replayed)
        store.open(file, events, now);
    }
}
