package org.village.casework.domain;

import java.util.List;
import org.village.events.CaseEvent;

/** What a command does to a case: its next state, the events it causes and what the timeline records. */
public record Change(CaseFile next, List<CaseEvent> events, List<TimelineEntry> timeline) {

    public Change {
        events = List.copyOf(events);
        timeline = List.copyOf(timeline);
    }

    /** Nothing to do: the command was already applied, or finds nothing to change. */
    public static Change none(CaseFile file) {
        return new Change(file, List.of(), List.of());
    }

    public boolean isEmpty() {
        return events.isEmpty() && timeline.isEmpty();
    }
}
