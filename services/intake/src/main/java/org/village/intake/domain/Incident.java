package org.village.intake.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** When it happened and between whom: kept in clear. Where, and what was said, are {@link PersonalData}. */
public record Incident(
        @Nullable Instant occurredAt, @Nullable String relationship) {}
