package org.village.notification.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.village.messaging.OutboxRelay;
import org.village.messaging.store.OutboxDocuments;
import org.village.notification.domain.Delivery;
import org.village.notification.domain.Notification;

/**
 * The external deliveries (e-mail, webhooks) each notification still owes, kept on the notification itself in
 * {@value NotificationStore#NOTIFICATIONS}: {@code deliveryDueAt} says when they are next due, a claim holds them
 * for one trier for a while, and each outcome is recorded per channel.
 */
@Component
public class DeliveryLedger {

    private final OutboxDocuments documents;
    private final MongoCollection<Document> notifications;

    public DeliveryLedger(MongoDatabase database, OutboxRelay relay) {
        this.documents = new OutboxDocuments(database.getCollection(NotificationStore.NOTIFICATIONS), relay);
        this.notifications = documents.collection();
        notifications.createIndex(Indexes.ascending("deliveryDueAt"));
    }

    /** Notifications owing an external delivery whose time has come. */
    public List<Notification> deliveriesDue(Instant now, int limit) {
        List<Notification> due = new ArrayList<>();
        notifications
                .find(Filters.lte("deliveryDueAt", Date.from(now)))
                .sort(Sorts.ascending("deliveryDueAt"))
                .limit(limit)
                .forEach(doc -> due.add(NotificationStore.fromDocument(doc)));
        return due;
    }

    /** Takes a notification's deliveries for a while, so that no one else tries them meanwhile; false if taken. */
    public boolean claimDeliveries(String notificationId, Instant now, Instant until) {
        return documents.update(
                notificationId,
                Filters.lte("deliveryDueAt", Date.from(now)),
                Updates.set("deliveryDueAt", Date.from(until)));
    }

    /**
     * Records the outcome of one delivery. {@code nextDueAt} (when anything is still owed, else null) replaces
     * the notification's delivery time only if it was not re-sent meanwhile: a re-send owes its own delivery.
     */
    public void recordDelivery(
            String notificationId, int seenSendCount, Delivery delivery, @Nullable Instant nextDueAt) {
        boolean same = documents.update(
                notificationId,
                Filters.eq("sendCount", seenSendCount),
                Updates.combine(
                        Updates.set("deliveries." + delivery.key(), NotificationStore.toDocument(delivery)),
                        Updates.set("deliveryDueAt", NotificationStore.date(nextDueAt))));
        if (!same) {
            documents.update(
                    notificationId,
                    Updates.set("deliveries." + delivery.key(), NotificationStore.toDocument(delivery)));
        }
    }
}
