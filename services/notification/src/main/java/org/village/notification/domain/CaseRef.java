package org.village.notification.domain;

import org.jspecify.annotations.Nullable;
import org.village.events.DangerLevel;

/**
 * What notification-service keeps of a case, from case events: enough to route and prioritise, no more.
 * {@code advocateId} is the current advocate (null while unassigned).
 */
public record CaseRef(
        String caseId,
        String intakeId,
        String agencyId,
        String departmentId,
        String officerId,
        @Nullable DangerLevel dangerLevel,
        @Nullable String advocateId) {}
