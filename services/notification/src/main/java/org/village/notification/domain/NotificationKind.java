package org.village.notification.domain;

/** What a notification is about (D5). */
public enum NotificationKind {
    CASE_ASSIGNED,
    CASE_OPENED,
    TASK_SCHEDULED,
    TASK_OVERDUE,
    REFERRAL_RECEIVED,
    REFERRAL_ANSWERED,
    REFERRAL_UNANSWERED,
    REFERRAL_EXPIRED,
    PROTECTIVE_ORDER_EXPIRING,
    CASE_CLOSED,
    ESCALATION
}
