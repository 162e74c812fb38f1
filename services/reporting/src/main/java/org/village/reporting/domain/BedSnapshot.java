package org.village.reporting.domain;

import java.time.Instant;

/** A shelter's beds from the moment {@code at} until its next snapshot. */
public record BedSnapshot(String shelterId, Instant at, int total, int occupied, int held) {}
