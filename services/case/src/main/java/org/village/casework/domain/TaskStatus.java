package org.village.casework.domain;

/** Where a task is. */
public enum TaskStatus {
    OPEN,
    DONE,
    OVERDUE,
    CANCELLED
}
