package org.village.events;

/** How urgently a task or notification must be acted upon. */
public enum Priority {
    URGENT,
    HIGH,
    NORMAL
}
