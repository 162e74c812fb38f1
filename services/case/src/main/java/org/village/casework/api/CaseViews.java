package org.village.casework.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.village.casework.domain.CaseFile;
import org.village.casework.domain.Task;
import org.village.casework.domain.TimelineEntry;

/** What the case API answers. None of it carries the survivor's personal data: that stays in intake-service. */
final class CaseViews {

    private CaseViews() {
    }

    /** A line of a caseload list. */
    record CaseItem(String caseId, String intakeId, String dangerLevel, String status, String advocate,
                    Instant openedAt, Instant nextDueAt, long overdueTasks, int pendingReferrals) {
        static CaseItem of(CaseFile file, Instant now) {
            return new CaseItem(file.caseId(), file.intakeId(), file.dangerLevel().name(), file.status().name(),
                    file.advocate(), file.openedAt(), file.nextDueAt(), file.overdueTasks(now), file.pendingReferrals());
        }
    }

    /** A task as its assignee sees it: the task itself, never the case's details. */
    record TaskItem(String taskId, String caseId, String kind, Instant dueAt, String status, String priority,
                    String assignee, String note, Instant createdAt) {
        static TaskItem of(String caseId, Task task, Instant now) {
            return new TaskItem(task.taskId(), caseId, task.kind(), task.dueAt(), task.statusAt(now).name(),
                    task.priority().name(), task.assignee(), task.note(), task.createdAt());
        }
    }

    /** The whole case, for its advocate and the agency's supervisors. */
    record CaseDetail(String caseId, String intakeId, String status, String dangerLevel, String advocate,
                      String agencyId, String officerId, Instant openedAt, List<TaskItem> tasks,
                      List<Object> consents, List<Object> protectiveOrders, Object safetyPlan,
                      List<TimelineEntry> timeline) {
        static CaseDetail of(CaseFile file, Instant now) {
            List<TimelineEntry> newestFirst = file.timeline().stream()
                    .sorted(Comparator.comparing(TimelineEntry::at).reversed()).toList();
            return new CaseDetail(file.caseId(), file.intakeId(), file.status().name(), file.dangerLevel().name(),
                    file.advocate(), file.agencyId(), file.officerId(), file.openedAt(),
                    file.tasks().stream().map(t -> TaskItem.of(file.caseId(), t, now)).toList(),
                    List.of(), List.of(), null, newestFirst);
        }
    }

    /** Counts over a caseload. */
    record Caseload(long openCases, long highDanger, long overdueTasks, long dueToday, long pendingReferrals) {
    }
}
