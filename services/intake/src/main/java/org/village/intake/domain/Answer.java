package org.village.intake.domain;

/** An answer to one screen question. NOT_ANSWERED never counts as YES. */
public enum Answer {
    YES,
    NO,
    NOT_ANSWERED
}
