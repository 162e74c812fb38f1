package org.village.notification.domain;

/** Whom a notification speaks to: what it may say follows from it (an officer never hears of shelters). */
public enum Audience {
    ADVOCATE,
    OFFICER,
    SUPERVISOR,
    SHELTER_STAFF
}
