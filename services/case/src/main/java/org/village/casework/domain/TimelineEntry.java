package org.village.casework.domain;

import java.time.Instant;

/** One thing that happened on a case, in words without personal data. */
public record TimelineEntry(Instant at, String type, String actor, String summary) {}
