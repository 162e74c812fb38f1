package org.village.casework.domain;

/** Where a case is. */
public enum CaseStatus {
    OPEN,
    CLOSURE_REQUESTED,
    CLOSED
}
