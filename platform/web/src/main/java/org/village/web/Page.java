package org.village.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a list answer: {@code {"items": [...], "nextCursor": "..." | null}}. */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
