package org.village.events;

/** Events published by case-service on {@link Topics#CASE_EVENTS}. */
public sealed interface CaseEvent extends VillageEvent
        permits CaseOpened,
                AdvocateAssigned,
                TaskScheduled,
                TaskCompleted,
                TaskOverdue,
                TaskCancelled,
                ConsentGranted,
                ConsentRevoked,
                ProtectiveOrderChanged,
                ProtectiveOrderExpiring,
                CaseClosed {

    String caseId();

    @Override
    default String partitionKey() {
        return caseId();
    }
}
