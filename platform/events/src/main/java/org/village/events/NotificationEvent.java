package org.village.events;

/**
 * Events published by notification-service on {@link Topics#NOTIFICATION_EVENTS}: about a notification, keyed by
 * its case so that they keep their place among the case's events.
 */
public sealed interface NotificationEvent extends VillageEvent
        permits NotificationAcknowledged, NotificationEscalated, NotificationSent {

    String notificationId();

    String caseId();

    @Override
    default String partitionKey() {
        return caseId() == null ? notificationId() : caseId();
    }

    @Override
    default String subject() {
        return notificationId();
    }
}
