package org.village.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.village.events.AdvocateAssigned;
import org.village.events.BedAvailabilityChanged;
import org.village.events.CaseClosed;
import org.village.events.CaseOpened;
import org.village.events.ConsentGranted;
import org.village.events.ConsentRevoked;
import org.village.events.DangerLevel;
import org.village.events.IntakePersonalDataErased;
import org.village.events.IntakeSubmitted;
import org.village.events.NotificationAcknowledged;
import org.village.events.NotificationEscalated;
import org.village.events.NotificationSent;
import org.village.events.Priority;
import org.village.events.ProtectiveOrderChanged;
import org.village.events.ProtectiveOrderExpiring;
import org.village.events.ReferralAccepted;
import org.village.events.ReferralCompleted;
import org.village.events.ReferralDeclined;
import org.village.events.ReferralExpired;
import org.village.events.ReferralRequested;
import org.village.events.ReferralRevoked;
import org.village.events.ReferralUnanswered;
import org.village.events.TaskCancelled;
import org.village.events.TaskCompleted;
import org.village.events.TaskOverdue;
import org.village.events.TaskScheduled;
import org.village.events.VillageEvent;

/**
 * One valid event of every catalog type, about the demo organisations: for contract tests, and for tests that
 * must hold for every type (routing tables, leak checks).
 */
public final class SampleEvents {

    public static final Instant AT = Instant.parse("2026-11-20T21:30:00Z");

    private SampleEvents() {}

    public static List<VillageEvent> all() {
        return List.of(
                new IntakeSubmitted(
                        "intake-1",
                        "riverside-pd",
                        "officer.reyes",
                        AT,
                        DangerLevel.HIGH,
                        true,
                        "PROTOCOL_QUESTIONS_1_3",
                        true,
                        List.of("SHELTER"),
                        "es",
                        4),
                new IntakePersonalDataErased("intake-1", "case-1", AT),
                new CaseOpened("case-1", "intake-1", "bridges", "riverside-pd", "officer.reyes", DangerLevel.HIGH, AT),
                new AdvocateAssigned("case-1", "advocate.avery", null, AT),
                new TaskScheduled(
                        "task-1",
                        "case-1",
                        "ADVOCATE_FIRST_CONTACT",
                        "advocate.avery",
                        "ADVOCATE",
                        AT.plusSeconds(86_400),
                        Priority.HIGH),
                new TaskCompleted("task-1", "case-1", "advocate.avery", AT),
                new TaskOverdue("task-1", "case-1", "advocate.avery", AT),
                new TaskCancelled("task-1", "case-1", "advocate.avery", AT),
                new ConsentGranted(
                        "consent-1",
                        "case-1",
                        "SHELTER",
                        "harbor-house",
                        List.of("FIRST_NAME", "NEEDS"),
                        AT.plusSeconds(86_400)),
                new ConsentRevoked("consent-1", "case-1", "harbor-house", AT),
                new ProtectiveOrderChanged(
                        "case-1", "order-1", "TEMPORARY", LocalDate.of(2026, 12, 1), AT.plusSeconds(86_400 * 30L)),
                new ProtectiveOrderExpiring(
                        "case-1", "order-1", AT.plusSeconds(86_400 * 5L), "advocate.avery", "officer.reyes"),
                new CaseClosed("case-1", AT, "SAFE_AND_STABLE"),
                new NotificationAcknowledged("n-1", "case-1", "advocate.avery", AT, "CASE_ASSIGNED"),
                new NotificationSent("n-1", "case-1", "advocate.avery", AT, "CASE_ASSIGNED", 1),
                new NotificationEscalated("n-1", "case-1", "advocate.avery", AT, "CASE_ASSIGNED", "supervisor.sam", 4),
                new BedAvailabilityChanged("harbor-house", 12, 5, 3, 4),
                new ReferralRequested(
                        "r-1",
                        "case-1",
                        "harbor-house",
                        "advocate.avery",
                        4,
                        DangerLevel.HIGH,
                        AT.plusSeconds(4 * 3600)),
                new ReferralAccepted("r-1", "case-1", "harbor-house", AT, null),
                new ReferralDeclined("r-1", "case-1", "harbor-house", AT, "NO_CAPACITY"),
                new ReferralExpired("r-1", "case-1", "harbor-house", AT, null),
                new ReferralRevoked("r-1", "case-1", "harbor-house", AT, "CONSENT_REVOKED"),
                new ReferralCompleted("r-1", "case-1", "harbor-house", AT, null),
                new ReferralUnanswered(
                        "r-1",
                        "case-1",
                        "harbor-house",
                        "advocate.avery",
                        "SHELTER_REMINDED",
                        AT.plusSeconds(4 * 3600),
                        AT.plusSeconds(3600)));
    }
}
