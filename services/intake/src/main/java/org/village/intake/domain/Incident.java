package org.village.intake.domain;

import java.time.Instant;

/** What happened. {@code location} and {@code narrative} identify the survivor and are treated as PII. */
public record Incident(Instant occurredAt, String location, String relationship, String narrative) {
}
