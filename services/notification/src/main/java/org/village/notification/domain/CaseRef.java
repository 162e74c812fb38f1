package org.village.notification.domain;

import org.village.events.DangerLevel;

/** What notification-service keeps of a case, from case.opened: enough to route and prioritise, no more. */
public record CaseRef(String caseId, String intakeId, String agencyId, String officerId, DangerLevel dangerLevel) {
}
