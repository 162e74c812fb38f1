package org.village.notification.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.village.events.NotificationEscalated;
import org.village.events.NotificationSent;
import org.village.messaging.AppliedEvents;
import org.village.messaging.OutboxRelay;
import org.village.messaging.store.OutboxDocuments;
import org.village.notification.domain.Delivery;
import org.village.notification.domain.Notification;
import org.village.notification.domain.NotificationKind;

/**
 * What happens to a notification that is not acknowledged (D5), kept on the notification in
 * {@value NotificationStore#NOTIFICATIONS}: {@code nextActionAt} says when it is next re-sent or escalated; an event
 * that ends its subject settles it; each re-send and escalation is written with its event.
 */
@Component
public class Reminders {

    private final OutboxDocuments documents;
    private final MongoCollection<Document> notifications;

    public Reminders(MongoDatabase database, OutboxRelay relay) {
        this.documents = new OutboxDocuments(database.getCollection(NotificationStore.NOTIFICATIONS), relay);
        this.notifications = documents.collection();
        notifications.createIndex(Indexes.ascending("nextActionAt"));
        notifications.createIndex(Indexes.ascending("about"));
    }

    /**
     * Settles the unacknowledged notifications about a subject (a task done, a referral answered): they stay in
     * the inbox, but are no longer re-sent or escalated. Returns how many.
     */
    public int settle(Which which, Instant now) {
        List<String> ids =
                ids(Filters.and(which.filter(), Filters.eq("acknowledgedAt", null), Filters.ne("nextActionAt", null)));
        ids.forEach(id -> documents.update(
                id,
                Filters.eq("settledAt", null),
                Updates.combine(Updates.set("settledAt", Date.from(now)), Updates.set("nextActionAt", null))));
        return ids.size();
    }

    /** Which notifications a settlement or a look-up means: those about a subject (of a kind), or of a case. */
    public static final class Which {

        private final Bson filter;

        private Which(Bson filter) {
            this.filter = filter;
        }

        /** The notifications about a subject (a task, a referral). */
        public static Which about(String about) {
            return new Which(Filters.eq("about", about));
        }

        /** The notifications of one kind about a subject. */
        public static Which aboutAs(String about, NotificationKind kind) {
            return new Which(Filters.and(Filters.eq("about", about), Filters.eq("kind", kind.name())));
        }

        /** The notifications of a case. */
        public static Which ofCase(String caseId) {
            return new Which(Filters.eq("caseId", caseId));
        }

        Bson filter() {
            return filter;
        }
    }

    /** Notifications the sweep must look at now: re-send or escalate. */
    public List<String> dueForAction(Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        notifications
                .find(Filters.lte("nextActionAt", Date.from(now)))
                .projection(Projections.include("_id"))
                .sort(Sorts.ascending("nextActionAt"))
                .limit(limit)
                .forEach(doc -> ids.add(doc.getString("_id")));
        return ids;
    }

    /**
     * Re-sends a notification that is still unacknowledged at the send count its caller saw: the count grows,
     * every external channel is owed the new send. {@code byEvent} makes a re-send caused by an event happen once.
     */
    public Optional<Notification> resend(
            String notificationId,
            int seenSendCount,
            Instant now,
            @Nullable Instant nextActionAt,
            @Nullable Instant deliveryDueAt,
            @Nullable String byEvent) {
        List<Bson> conditions = new ArrayList<>(List.of(
                Filters.eq("sendCount", seenSendCount),
                Filters.eq("acknowledgedAt", null),
                Filters.eq("settledAt", null)));
        // read under the document's lock: the conditional write below decides from it
        Notification seen = documents
                .read(notificationId)
                .map(NotificationStore::fromDocument)
                .orElse(null);
        if (seen == null) {
            return Optional.empty();
        }
        NotificationSent again = new NotificationSent(
                notificationId,
                seen.caseId(),
                seen.recipient().userId(),
                now,
                seen.kind().name(),
                seenSendCount + 1);
        List<Bson> changes = new ArrayList<>(List.of(
                Updates.inc("sendCount", 1),
                Updates.set("lastSentAt", Date.from(now)),
                Updates.set("nextActionAt", NotificationStore.date(nextActionAt))));
        if (byEvent != null) {
            conditions.add(AppliedEvents.notYetApplied(byEvent));
            changes.add(AppliedEvents.markApplied(byEvent));
        }
        boolean owesDelivery = seen.deliveries().values().stream().anyMatch(d -> d.status() != Delivery.Status.SKIPPED);
        if (owesDelivery) {
            changes.add(Updates.set("deliveryDueAt", NotificationStore.date(deliveryDueAt)));
        }
        if (!documents.update(notificationId, Filters.and(conditions), Updates.combine(changes), now, List.of(again))) {
            return Optional.empty();
        }
        return documents.read(notificationId).map(NotificationStore::fromDocument);
    }

    /** The unsettled notifications of a kind about a subject, still unacknowledged. */
    public List<String> unacknowledged(Which which) {
        return ids(Filters.and(which.filter(), Filters.eq("acknowledgedAt", null), Filters.eq("settledAt", null)));
    }

    /**
     * Marks a notification escalated at the send count its caller saw, announcing the escalation in the same
     * write; false when it was acknowledged, settled or escalated meanwhile.
     */
    public boolean escalate(String notificationId, int seenSendCount, Instant now, List<NotificationEscalated> events) {
        return documents.update(
                notificationId,
                Filters.and(
                        Filters.eq("sendCount", seenSendCount),
                        Filters.eq("acknowledgedAt", null),
                        Filters.eq("settledAt", null),
                        Filters.eq("escalatedAt", null)),
                Updates.combine(Updates.set("escalatedAt", Date.from(now)), Updates.set("nextActionAt", null)),
                now,
                events);
    }

    /** Ends the re-sends of a notification that has nothing further to do (an escalation re-sent enough). */
    public void stop(String notificationId, int seenSendCount) {
        documents.update(notificationId, Filters.eq("sendCount", seenSendCount), Updates.set("nextActionAt", null));
    }

    private List<String> ids(Bson filter) {
        List<String> ids = new ArrayList<>();
        notifications.find(filter).projection(Projections.include("_id")).forEach(doc -> ids.add(doc.getString("_id")));
        return ids;
    }
}
