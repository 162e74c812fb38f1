package org.village.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type Village publishes: the one place that ties a type name to its topic, record and schema. */
public final class EventCatalog {

    public static final EventType<IntakeSubmitted> INTAKE_SUBMITTED =
            new EventType<>("village.intake.submitted.v1", Topics.INTAKE_EVENTS, IntakeSubmitted.class);
    public static final EventType<IntakePersonalDataErased> INTAKE_PERSONAL_DATA_ERASED = new EventType<>(
            "village.intake.personal-data-erased.v1", Topics.INTAKE_EVENTS, IntakePersonalDataErased.class);
    public static final EventType<CaseOpened> CASE_OPENED =
            new EventType<>("village.case.opened.v1", Topics.CASE_EVENTS, CaseOpened.class);
    public static final EventType<AdvocateAssigned> ADVOCATE_ASSIGNED =
            new EventType<>("village.case.advocate-assigned.v1", Topics.CASE_EVENTS, AdvocateAssigned.class);
    public static final EventType<TaskScheduled> TASK_SCHEDULED =
            new EventType<>("village.case.task-scheduled.v1", Topics.CASE_EVENTS, TaskScheduled.class);
    public static final EventType<TaskCompleted> TASK_COMPLETED =
            new EventType<>("village.case.task-completed.v1", Topics.CASE_EVENTS, TaskCompleted.class);
    public static final EventType<TaskOverdue> TASK_OVERDUE =
            new EventType<>("village.case.task-overdue.v1", Topics.CASE_EVENTS, TaskOverdue.class);
    public static final EventType<TaskCancelled> TASK_CANCELLED =
            new EventType<>("village.case.task-cancelled.v1", Topics.CASE_EVENTS, TaskCancelled.class);
    public static final EventType<ConsentGranted> CONSENT_GRANTED =
            new EventType<>("village.case.consent-granted.v1", Topics.CASE_EVENTS, ConsentGranted.class);
    public static final EventType<ConsentRevoked> CONSENT_REVOKED =
            new EventType<>("village.case.consent-revoked.v1", Topics.CASE_EVENTS, ConsentRevoked.class);
    public static final EventType<ProtectiveOrderChanged> PROTECTIVE_ORDER_CHANGED = new EventType<>(
            "village.case.protective-order-changed.v1", Topics.CASE_EVENTS, ProtectiveOrderChanged.class);
    public static final EventType<ProtectiveOrderExpiring> PROTECTIVE_ORDER_EXPIRING = new EventType<>(
            "village.case.protective-order-expiring.v1", Topics.CASE_EVENTS, ProtectiveOrderExpiring.class);
    public static final EventType<CaseClosed> CASE_CLOSED =
            new EventType<>("village.case.closed.v1", Topics.CASE_EVENTS, CaseClosed.class);
    public static final EventType<NotificationAcknowledged> NOTIFICATION_ACKNOWLEDGED = new EventType<>(
            "village.notification.acknowledged.v1", Topics.NOTIFICATION_EVENTS, NotificationAcknowledged.class);
    public static final EventType<NotificationSent> NOTIFICATION_SENT =
            new EventType<>("village.notification.sent.v1", Topics.NOTIFICATION_EVENTS, NotificationSent.class);
    public static final EventType<NotificationEscalated> NOTIFICATION_ESCALATED = new EventType<>(
            "village.notification.escalated.v1", Topics.NOTIFICATION_EVENTS, NotificationEscalated.class);
    public static final EventType<BedAvailabilityChanged> BED_AVAILABILITY_CHANGED = new EventType<>(
            "village.referral.bed-availability-changed.v1", Topics.REFERRAL_EVENTS, BedAvailabilityChanged.class);
    public static final EventType<ReferralRequested> REFERRAL_REQUESTED =
            new EventType<>("village.referral.requested.v1", Topics.REFERRAL_EVENTS, ReferralRequested.class);
    public static final EventType<ReferralAccepted> REFERRAL_ACCEPTED =
            new EventType<>("village.referral.accepted.v1", Topics.REFERRAL_EVENTS, ReferralAccepted.class);
    public static final EventType<ReferralDeclined> REFERRAL_DECLINED =
            new EventType<>("village.referral.declined.v1", Topics.REFERRAL_EVENTS, ReferralDeclined.class);
    public static final EventType<ReferralExpired> REFERRAL_EXPIRED =
            new EventType<>("village.referral.expired.v1", Topics.REFERRAL_EVENTS, ReferralExpired.class);
    public static final EventType<ReferralRevoked> REFERRAL_REVOKED =
            new EventType<>("village.referral.revoked.v1", Topics.REFERRAL_EVENTS, ReferralRevoked.class);
    public static final EventType<ReferralCompleted> REFERRAL_COMPLETED =
            new EventType<>("village.referral.completed.v1", Topics.REFERRAL_EVENTS, ReferralCompleted.class);
    public static final EventType<ReferralUnanswered> REFERRAL_UNANSWERED =
            new EventType<>("village.referral.unanswered.v1", Topics.REFERRAL_EVENTS, ReferralUnanswered.class);

    private static final List<EventType<?>> ALL = List.of(
            INTAKE_SUBMITTED,
            INTAKE_PERSONAL_DATA_ERASED,
            CASE_OPENED,
            ADVOCATE_ASSIGNED,
            TASK_SCHEDULED,
            TASK_COMPLETED,
            TASK_OVERDUE,
            TASK_CANCELLED,
            CONSENT_GRANTED,
            CONSENT_REVOKED,
            PROTECTIVE_ORDER_CHANGED,
            PROTECTIVE_ORDER_EXPIRING,
            CASE_CLOSED,
            NOTIFICATION_ACKNOWLEDGED,
            NOTIFICATION_ESCALATED,
            NOTIFICATION_SENT,
            BED_AVAILABILITY_CHANGED,
            REFERRAL_REQUESTED,
            REFERRAL_ACCEPTED,
            REFERRAL_DECLINED,
            REFERRAL_EXPIRED,
            REFERRAL_REVOKED,
            REFERRAL_COMPLETED,
            REFERRAL_UNANSWERED);

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private static final Map<Class<?>, EventType<?>> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::dataClass, Function.identity()));

    private EventCatalog() {}

    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The type with this CloudEvents {@code type} attribute, if Village knows it. */
    public static Optional<EventType<?>> byName(String type) {
        return Optional.ofNullable(BY_NAME.get(type));
    }

    /** The type whose data is this record. */
    @SuppressWarnings("unchecked")
    public static <T extends VillageEvent> EventType<T> of(T event) {
        EventType<?> type = BY_CLASS.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException(
                    "No event type is registered for " + event.getClass().getName());
        }
        return (EventType<T>) type;
    }
}
