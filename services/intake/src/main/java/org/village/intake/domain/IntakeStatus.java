package org.village.intake.domain;

/** Where an intake is: recorded, then a case was opened for it. */
public enum IntakeStatus {
    SUBMITTED,
    CASE_OPENED
}
