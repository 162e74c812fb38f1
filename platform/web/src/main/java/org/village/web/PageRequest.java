package org.village.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A request for one page of a newest-first list: how many items, and where the previous page ended
 * (an opaque cursor naming the last item's time and id).
 */
public record PageRequest(
        int limit, @Nullable Instant beforeTime, @Nullable String beforeId) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Reads {@code ?limit=} and {@code ?cursor=}; a limit out of range or a broken cursor is a 400. */
    public static PageRequest of(@Nullable Integer limit, @Nullable String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiProblem.invalid("limit", "{limit}", MAX_LIMIT);
        }
        if (cursor == null || cursor.isBlank()) {
            return new PageRequest(size, null, null);
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int separator = decoded.indexOf('|');
            return new PageRequest(
                    size,
                    Instant.ofEpochMilli(Long.parseLong(decoded.substring(0, separator))),
                    decoded.substring(separator + 1));
        } catch (RuntimeException e) {
            throw ApiProblem.invalid("cursor", "{cursor}");
        }
    }

    public boolean continues() {
        return beforeTime != null;
    }

    /**
     * Cuts a list fetched with {@code limit + 1} items into a page; the extra item only tells that there is more.
     */
    public <S, T> Page<T> page(
            List<S> fetched, Function<S, Instant> time, Function<S, String> id, Function<S, T> view) {
        boolean more = fetched.size() > limit;
        List<S> shown = more ? fetched.subList(0, limit) : fetched;
        String next = null;
        if (more) {
            S last = shown.get(shown.size() - 1);
            String raw = time.apply(last).toEpochMilli() + "|" + id.apply(last);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
