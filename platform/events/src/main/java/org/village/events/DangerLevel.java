package org.village.events;

/** Result of the lethality screen: HIGH when the survivor screens in. */
public enum DangerLevel {
    HIGH,
    STANDARD
}
