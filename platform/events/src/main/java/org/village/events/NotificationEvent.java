package org.village.events;

/** Events published by notification-service on {@link Topics#NOTIFICATION_EVENTS}. */
public sealed interface NotificationEvent extends VillageEvent permits NotificationAcknowledged, NotificationEscalated {
}
