package org.village.notification.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.village.events.VillageEvent;

/**
 * A table from event types to what an event of that type gives: one row per type (or per sealed family), read
 * top to bottom, the first row whose type the event is an instance of answering. It replaces a chain of
 * {@code instanceof} tests with rows that can be read, and tested, one by one.
 *
 * @param <R> what a row gives for an event
 */
public final class EventTable<R> {

    private final List<Row<?, R>> rows;

    private EventTable(List<Row<?, R>> rows) {
        this.rows = List.copyOf(rows);
    }

    /** A table being written, row by row. */
    public static <R> Builder<R> of() {
        return new Builder<>();
    }

    /** What the first row matching the event gives; empty when no row covers its type. */
    public Optional<R> apply(VillageEvent event) {
        for (Row<?, R> row : rows) {
            if (row.type().isInstance(event)) {
                return Optional.ofNullable(row.answer(event));
            }
        }
        return Optional.empty();
    }

    /** Whether some row covers events of this type. */
    public boolean covers(Class<? extends VillageEvent> type) {
        return rows.stream().anyMatch(row -> row.type().isAssignableFrom(type));
    }

    private record Row<E extends VillageEvent, R>(Class<E> type, Function<E, R> function) {
        R answer(VillageEvent event) {
            return function.apply(type.cast(event));
        }
    }

    /** Writes a table's rows in the order they are read. */
    public static final class Builder<R> {

        private final List<Row<?, R>> rows = new ArrayList<>();

        private Builder() {}

        /** Events of {@code type} give what {@code function} makes of them (null: nothing). */
        public <E extends VillageEvent> Builder<R> on(Class<E> type, Function<E, R> function) {
            rows.add(new Row<>(type, function));
            return this;
        }

        public EventTable<R> build() {
            return new EventTable<>(rows);
        }
    }
}
