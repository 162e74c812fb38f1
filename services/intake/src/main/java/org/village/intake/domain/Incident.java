package org.village.intake.domain;

import java.time.Instant;

/** When it happened and between whom: kept in clear. Where, and what was said, are {@link PersonalData}. */
public record Incident(Instant occurredAt, String relationship) {}
