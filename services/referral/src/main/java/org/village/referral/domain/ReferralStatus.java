package org.village.referral.domain;

/** D4: PENDING → ACCEPTED → COMPLETED; PENDING → DECLINED | EXPIRED; PENDING or ACCEPTED → REVOKED. */
public enum ReferralStatus {
    PENDING,
    ACCEPTED,
    DECLINED,
    EXPIRED,
    REVOKED,
    COMPLETED;

    /** Still holding beds and waiting on someone. */
    public boolean active() {
        return this == PENDING || this == ACCEPTED;
    }
}
