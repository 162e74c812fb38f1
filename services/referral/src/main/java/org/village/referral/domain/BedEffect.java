package org.village.referral.domain;

/** What a referral's change does to the beds it holds (D4). */
public enum BedEffect {
    /** The hold stays. */
    KEEP,
    /** The held beds become available again. */
    RELEASE,
    /** The held beds become occupied: the survivor arrived. */
    OCCUPY
}
