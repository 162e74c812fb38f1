package org.village.reporting.domain;

import org.jspecify.annotations.Nullable;

/**
 * One figure of a report as it may be shown: the count, or a mark such as "&lt;5" when it is small enough to point
 * at a person (or when showing it would let such a count be worked out).
 */
public record Cell(long count, @Nullable String mark) {

    public static Cell of(long count) {
        return new Cell(count, null);
    }

    public boolean suppressed() {
        return mark != null;
    }

    /** The figure as shown: the count, or the suppression mark. */
    public Object shown() {
        return mark != null ? mark : count;
    }

    Cell suppress(String withMark) {
        return new Cell(count, withMark);
    }
}
