package org.village.casework.domain;

/** Where a protective order stands (D2). */
public enum OrderStatus {
    REQUESTED,
    TEMPORARY,
    SERVED,
    FINAL,
    EXPIRED,
    DISMISSED;

    /** An order that protects the survivor now, and whose expiry therefore matters. */
    public boolean inForce() {
        return this == TEMPORARY || this == SERVED || this == FINAL;
    }
}
