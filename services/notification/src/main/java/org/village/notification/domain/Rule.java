package org.village.notification.domain;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.village.events.EventType;
import org.village.events.Priority;
import org.village.events.VillageEvent;

/**
 * One row of the routing table: on an event of a type, who gets a notification of which kind, how urgent, in
 * which words. A row without recipients says why nobody is told.
 */
public record Rule<E extends VillageEvent>(
        EventType<E> on,
        @Nullable NotificationKind kind,
        Recipients<E> to,
        Urgency<E> priority,
        @Nullable Words<E> words,
        @Nullable String nobodyBecause) {

    /** Who is told of an event. */
    @FunctionalInterface
    public interface Recipients<E> {
        List<Recipient> of(E event, Facts facts);
    }

    /** How urgent it is. */
    @FunctionalInterface
    public interface Urgency<E> {
        Priority of(E event, Facts facts);
    }

    /** What a recipient reads: written for their role. */
    @FunctionalInterface
    public interface Words<E> {
        Text write(E event, Facts facts, Recipient to, Language language);
    }

    /** A notification's title and body. */
    public record Text(String title, String body) {}

    public boolean tellsSomeone() {
        return kind != null;
    }

    /**
     * The drafts of this row for an event of its type. A notification is about the event's subject (a task, a
     * referral, an order, the case), so that a later event about the same subject can settle it. Each is written
     * in its recipient's language.
     */
    public List<Draft> drafts(VillageEvent event, Facts facts, Function<String, Language> languageOf) {
        NotificationKind kind = this.kind;
        Words<E> words = this.words;
        if (kind == null || words == null || !on.dataClass().isInstance(event)) {
            return List.of();
        }
        E typed = on.dataClass().cast(event);
        Priority urgency = priority.of(typed, facts);
        return to.of(typed, facts).stream()
                .map(recipient -> {
                    Text text = words.write(typed, facts, recipient, languageOf.apply(recipient.userId()));
                    return new Draft(
                            recipient,
                            kind,
                            urgency,
                            text.title(),
                            text.body(),
                            facts.caseId(),
                            facts.agencyId(),
                            event.subject());
                })
                .toList();
    }
}
