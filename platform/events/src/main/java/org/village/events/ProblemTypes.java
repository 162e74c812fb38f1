package org.village.events;

import java.util.List;

/**
 * The {@code type} of every RFC 9457 problem Village answers (docs/API.md, "Errors"), defined once: the services,
 * the gateway, identity and the API description all name problems with these.
 */
public final class ProblemTypes {

    public static final String VALIDATION_FAILED = "validation-failed";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not-found";
    public static final String CONFLICT = "conflict";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String UNAVAILABLE = "unavailable";
    /** A referral to a shelter the case's household does not fit (422). */
    public static final String NOT_ELIGIBLE = "not-eligible";
    /** A referral sharing details the survivor's consent does not cover (422). */
    public static final String CONSENT_REQUIRED = "consent-required";
    /** A referral for more beds than the shelter has free (409). */
    public static final String NO_BEDS = "no-beds";

    /** Every problem type, in the order docs/API.md lists them. */
    public static final List<String> ALL = List.of(
            VALIDATION_FAILED,
            UNAUTHENTICATED,
            FORBIDDEN,
            NOT_FOUND,
            CONFLICT,
            PAYLOAD_TOO_LARGE,
            RATE_LIMITED,
            UNAVAILABLE,
            NOT_ELIGIBLE,
            CONSENT_REQUIRED,
            NO_BEDS);

    private ProblemTypes() {}
}
