package org.village.messaging;

import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.village.events.EventCatalog;
import org.village.events.EventJson;
import org.village.events.EventType;
import org.village.events.VillageEvent;

/**
 * The document-embedded outbox: an aggregate document carries the events its last changes caused in an
 * {@value #FIELD} array, written in the same single-document write as the change itself. The
 * {@link OutboxRelay} publishes them and removes each one only after the broker acknowledged it.
 */
public final class Outbox {

    /** The array field that holds pending events in an aggregate document. */
    public static final String FIELD = "outbox";

    /**
     * When the oldest event of a document's outbox was written (kept until the relay finds the outbox empty): what
     * the relay's poll looks for, through an index, so that it reads only the documents whose events are late.
     */
    public static final String SINCE = "outboxSince";

    private Outbox() {}

    /** Pending-event entries for a new document, to be stored under {@value #FIELD}. */
    public static List<Document> entries(Instant now, List<? extends VillageEvent> events) {
        return events.stream().map(event -> entry(now, event)).toList();
    }

    /** An update that appends the events to a document's outbox; combine it with the state change. */
    public static Bson append(Instant now, List<? extends VillageEvent> events) {
        return appendEntries(now, entries(now, events));
    }

    /** An update that appends entries made by {@link #entries} to a document's outbox. */
    public static Bson appendEntries(Instant now, List<Document> entries) {
        return Updates.combine(Updates.pushEach(FIELD, entries), Updates.min(SINCE, since()));
    }

    /**
     * When events enter an outbox, for {@value #SINCE}: the relay's own clock (the one its poll measures lateness
     * with), not the service's time given with the events, which may be a clock set elsewhere or the time of the
     * event that caused them.
     */
    public static Date since() {
        return new Date();
    }

    static Document entry(Instant now, VillageEvent event) {
        EventType<VillageEvent> type = EventCatalog.of(event);
        return new Document("_id", UUID.randomUUID().toString())
                .append("type", type.type())
                .append("topic", type.topic())
                .append("key", event.partitionKey())
                .append("subject", event.subject())
                .append("time", Date.from(now))
                .append("data", new String(EventJson.write(event), StandardCharsets.UTF_8))
                .append("traceparent", TraceContext.current().orElse(null))
                .append("attempts", 0);
    }
}
