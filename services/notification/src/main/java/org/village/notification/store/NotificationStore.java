package org.village.notification.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.village.events.NotificationAcknowledged;
import org.village.events.NotificationSent;
import org.village.events.Priority;
import org.village.messaging.AppliedEvents;
import org.village.messaging.OutboxRelay;
import org.village.messaging.store.KeysetPaging;
import org.village.messaging.store.Migrations;
import org.village.messaging.store.OutboxDocuments;
import org.village.notification.domain.Audience;
import org.village.notification.domain.Delivery;
import org.village.notification.domain.Draft;
import org.village.notification.domain.Notification;
import org.village.notification.domain.NotificationKind;
import org.village.notification.domain.Recipient;
import org.village.web.PageRequest;

/**
 * Inboxes ({@value #NOTIFICATIONS}). Every change of a notification is one single-document write, carrying the
 * events it causes in its outbox (each send announces itself, for the live streams of every instance); the re-sends,
 * escalations and settlements are {@link Reminders}', the external deliveries still owed {@link DeliveryLedger}'s.
 */
@Component
public class NotificationStore {

    public static final String NOTIFICATIONS = "notifications";

    /**
     * The recipient, on a notification not yet acknowledged (null once it is): a user's unread count is a count of
     * this field's index, whatever the size of their inbox.
     */
    static final String UNREAD_BY = "unreadBy";

    /** The recipient, on an unacknowledged notification that must be acknowledged (null otherwise). */
    static final String MUST_ACK_BY = "mustAckBy";

    private final OutboxDocuments documents;
    private final MongoCollection<Document> notifications;

    public NotificationStore(MongoDatabase database, OutboxRelay relay) {
        this.documents = new OutboxDocuments(database.getCollection(NOTIFICATIONS), relay);
        this.notifications = documents.collection();
        KeysetPaging.createIndex(notifications, "createdAt", "recipient");
        // the unread inbox is listed from it, and the unread count counted from it
        KeysetPaging.createIndex(notifications, "createdAt", UNREAD_BY);
        notifications.createIndex(Indexes.ascending(MUST_ACK_BY));
        Migrations.once(database, "unread-fields", this::markUnread);
    }

    /**
     * Gives the notifications stored before {@value #UNREAD_BY} existed their unread fields: a notification
     * acknowledged meanwhile is left as its acknowledgment wrote it.
     */
    private void markUnread() {
        Bson unacknowledged = Filters.eq("acknowledgedAt", null);
        notifications
                .find(Filters.and(unacknowledged, Filters.exists(UNREAD_BY, false)))
                .projection(Projections.include("recipient", "requiresAck"))
                .forEach(doc -> notifications.updateOne(
                        Filters.and(Filters.eq("_id", doc.get("_id")), unacknowledged),
                        Updates.combine(
                                Updates.set(UNREAD_BY, doc.getString("recipient")),
                                Updates.set(
                                        MUST_ACK_BY,
                                        Boolean.TRUE.equals(doc.getBoolean("requiresAck"))
                                                ? doc.getString("recipient")
                                                : null))));
    }

    /**
     * Creates the notification of a draft for a source event, exactly once: the id is derived from the event,
     * the recipient and the kind. Returns it when this call created it.
     */
    public Optional<Notification> create(
            Draft draft,
            String sourceEventId,
            Instant now,
            @Nullable Instant nextActionAt,
            Map<String, Delivery> deliveries,
            @Nullable Instant deliveryDueAt) {
        String id = AppliedEvents.derivedId(
                sourceEventId, draft.recipient().userId(), draft.kind().name());
        Notification notification = new Notification(
                id,
                draft.recipient(),
                draft.kind(),
                draft.priority(),
                draft.title(),
                draft.body(),
                draft.caseId(),
                draft.agencyId(),
                draft.about(),
                now,
                now,
                null,
                draft.requiresAck(),
                1,
                nextActionAt,
                null,
                null,
                deliveries,
                sourceEventId);
        Document document = toDocument(notification).append("deliveryDueAt", date(deliveryDueAt));
        if (!documents.insert(document, now, List.of(sent(notification, now)))) {
            return Optional.empty();
        }
        return Optional.of(notification);
    }

    public Optional<Notification> find(String notificationId) {
        return Optional.ofNullable(
                        notifications.find(Filters.eq("_id", notificationId)).first())
                .map(NotificationStore::fromDocument);
    }

    /** A recipient's notifications, newest first; only unacknowledged ones when {@code unread}. */
    public List<Notification> inbox(String recipient, boolean unread, PageRequest page) {
        Bson filter = unread ? Filters.eq(UNREAD_BY, recipient) : Filters.eq("recipient", recipient);
        List<Notification> found = new ArrayList<>();
        KeysetPaging.page(notifications, filter, "createdAt", page.beforeTime(), page.beforeId(), page.limit())
                .forEach(doc -> found.add(fromDocument(doc)));
        return found;
    }

    /**
     * How many of a recipient's notifications are unread, and how many of those must be acknowledged: two counts of
     * an index each (every live stream asks after each notification it shows), as cheap with a thousand unread as
     * with one.
     */
    public UnreadCount unreadCount(String recipient) {
        return new UnreadCount(
                notifications.countDocuments(Filters.eq(UNREAD_BY, recipient)),
                notifications.countDocuments(Filters.eq(MUST_ACK_BY, recipient)));
    }

    public record UnreadCount(long unread, long requiringAck) {}

    /**
     * Acknowledges a recipient's own notification, ending its re-sends and announcing it in the same write the
     * first time; false when they have none with that id.
     */
    public boolean acknowledge(String notificationId, String recipient, Instant now) {
        Bson own = Filters.and(Filters.eq("_id", notificationId), Filters.eq("recipient", recipient));
        Document found = notifications
                .find(own)
                .projection(Projections.include("caseId", "kind"))
                .first();
        if (found == null) {
            return false;
        }
        NotificationAcknowledged event = new NotificationAcknowledged(
                notificationId, found.getString("caseId"), recipient, now, found.getString("kind"));
        documents.update(
                notificationId,
                Filters.and(Filters.eq("recipient", recipient), Filters.eq("acknowledgedAt", null)),
                Updates.combine(
                        Updates.set("acknowledgedAt", Date.from(now)),
                        Updates.set("nextActionAt", null),
                        Updates.set(UNREAD_BY, null),
                        Updates.set(MUST_ACK_BY, null)),
                now,
                List.of(event));
        return true;
    }

    private static NotificationSent sent(Notification n, Instant now) {
        return new NotificationSent(
                n.notificationId(),
                n.caseId(),
                n.recipient().userId(),
                now,
                n.kind().name(),
                n.sendCount());
    }

    static @Nullable Date date(@Nullable Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static @Nullable Instant instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static Document toDocument(Notification n) {
        Document deliveries = new Document();
        n.deliveries().forEach((key, delivery) -> deliveries.append(key, toDocument(delivery)));
        return new Document("_id", n.notificationId())
                .append("recipient", n.recipient().userId())
                .append("audience", n.recipient().audience().name())
                .append("recipientOrg", n.recipient().org())
                .append("kind", n.kind().name())
                .append("priority", n.priority().name())
                .append("title", n.title())
                .append("body", n.body())
                .append("caseId", n.caseId())
                .append("agencyId", n.agencyId())
                .append("about", n.about())
                .append("createdAt", date(n.createdAt()))
                .append("lastSentAt", date(n.lastSentAt()))
                .append("acknowledgedAt", null)
                .append(UNREAD_BY, n.acknowledgedAt() == null ? n.recipient().userId() : null)
                .append(
                        MUST_ACK_BY,
                        n.requiresAck() && n.acknowledgedAt() == null
                                ? n.recipient().userId()
                                : null)
                .append("requiresAck", n.requiresAck())
                .append("sendCount", n.sendCount())
                .append("nextActionAt", date(n.nextActionAt()))
                .append("escalatedAt", null)
                .append("settledAt", null)
                .append("deliveries", deliveries)
                .append("sourceEventId", n.sourceEventId());
    }

    static Document toDocument(Delivery d) {
        return new Document("channel", d.channel().name())
                .append("webhookId", d.webhookId())
                .append("status", d.status().name())
                .append("attempts", d.attempts())
                .append("sentUpTo", d.sentUpTo())
                .append("lastError", d.lastError())
                .append("lastAttemptAt", date(d.lastAttemptAt()))
                .append("deliveredAt", date(d.deliveredAt()))
                .append("nextAttemptAt", date(d.nextAttemptAt()));
    }

    private static Delivery delivery(Document d) {
        return new Delivery(
                Delivery.Channel.valueOf(d.getString("channel")),
                d.getString("webhookId"),
                Delivery.Status.valueOf(d.getString("status")),
                d.getInteger("attempts", 0),
                d.getInteger("sentUpTo", 0),
                d.getString("lastError"),
                instant(d, "lastAttemptAt"),
                instant(d, "deliveredAt"),
                instant(d, "nextAttemptAt"));
    }

    static Notification fromDocument(Document doc) {
        Map<String, Delivery> deliveries = new LinkedHashMap<>();
        Document stored = doc.get("deliveries", Document.class);
        if (stored != null) {
            stored.forEach((key, value) -> deliveries.put(key, delivery((Document) value)));
        }
        String audience = doc.getString("audience");
        Recipient recipient = new Recipient(
                doc.getString("recipient"),
                audience == null ? Audience.ADVOCATE : Audience.valueOf(audience),
                doc.getString("recipientOrg"));
        return new Notification(
                doc.getString("_id"),
                recipient,
                NotificationKind.valueOf(doc.getString("kind")),
                Priority.valueOf(doc.getString("priority")),
                doc.getString("title"),
                doc.getString("body"),
                doc.getString("caseId"),
                doc.getString("agencyId"),
                doc.getString("about"),
                Objects.requireNonNull(instant(doc, "createdAt")),
                instant(doc, "lastSentAt"),
                instant(doc, "acknowledgedAt"),
                doc.getBoolean("requiresAck"),
                doc.getInteger("sendCount", 1),
                instant(doc, "nextActionAt"),
                instant(doc, "escalatedAt"),
                instant(doc, "settledAt"),
                deliveries,
                doc.getString("sourceEventId"));
    }
}
