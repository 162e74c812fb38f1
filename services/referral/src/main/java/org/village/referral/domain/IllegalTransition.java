package org.village.referral.domain;

/** A referral change its current status does not allow (409). */
public class IllegalTransition extends RuntimeException {

    public IllegalTransition(ReferralStatus from, String change) {
        super("A " + from + " referral cannot be " + change);
    }
}
