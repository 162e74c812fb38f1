package org.village.intake.domain;

/** Why a screen gave its danger level. */
public enum ScreenReason {
    PROTOCOL_QUESTIONS_1_3,
    PROTOCOL_COUNT,
    OFFICER_JUDGMENT,
    NOT_SCREENED_IN
}
