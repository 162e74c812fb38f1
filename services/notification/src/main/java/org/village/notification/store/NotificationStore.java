package org.village.notification.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import org.village.events.DangerLevel;
import org.village.events.Priority;
import com.mongodb.client.model.Projections;
import com.mongodb.client.result.UpdateResult;
import org.village.events.NotificationAcknowledged;
import org.village.messaging.AppliedEvents;
import org.village.messaging.DocumentLocks;
import org.village.messaging.Outbox;
import org.village.messaging.OutboxRelay;
import org.village.notification.domain.CaseRef;
import org.village.notification.domain.Draft;
import org.village.notification.domain.Notification;
import org.village.notification.domain.NotificationKind;
import org.village.web.PageRequest;

/** Inboxes ({@value #NOTIFICATIONS}) and the case projection ({@value #CASES}). */
@Component
public class NotificationStore {

    public static final String NOTIFICATIONS = "notifications";
    public static final String CASES = "case_refs";

    private final MongoCollection<Document> notifications;
    private final MongoCollection<Document> cases;
    private final OutboxRelay relay;
    private final DocumentLocks locks;

    public NotificationStore(MongoDatabase database, OutboxRelay relay, DocumentLocks locks) {
        this.relay = relay;
        this.locks = locks;
        this.notifications = database.getCollection(NOTIFICATIONS);
        this.cases = database.getCollection(CASES);
        notifications.createIndex(Indexes.compoundIndex(Indexes.ascending("recipient"), Indexes.descending("createdAt")));
    }

    /** Keeps what routing needs of a case; replaying the same facts writes the same document. */
    public void remember(CaseRef ref) {
        cases.replaceOne(Filters.eq("_id", ref.caseId()), new Document("_id", ref.caseId())
                        .append("intakeId", ref.intakeId()).append("agencyId", ref.agencyId())
                        .append("officerId", ref.officerId()).append("dangerLevel", ref.dangerLevel().name()),
                new ReplaceOptions().upsert(true));
    }

    public Optional<CaseRef> caseRef(String caseId) {
        return Optional.ofNullable(cases.find(Filters.eq("_id", caseId)).first()).map(doc -> new CaseRef(
                doc.getString("_id"), doc.getString("intakeId"), doc.getString("agencyId"), doc.getString("officerId"),
                DangerLevel.valueOf(doc.getString("dangerLevel"))));
    }

    /**
     * Creates the notification of a draft for a source event, exactly once: the id is derived from the event,
     * the recipient and the kind. Returns it when this call created it.
     */
    public Optional<Notification> create(Draft draft, String sourceEventId, Instant now) {
        String id = AppliedEvents.derivedId(sourceEventId, draft.recipient(), draft.kind().name());
        Notification notification = new Notification(id, draft.recipient(), draft.kind(), draft.priority(),
                draft.title(), draft.body(), draft.caseId(), now, null, draft.requiresAck(), 1, sourceEventId);
        return AppliedEvents.insertOnce(notifications, toDocument(notification))
                ? Optional.of(notification) : Optional.empty();
    }

    /** A recipient's notifications, newest first; only unacknowledged ones when {@code unread}. */
    public List<Notification> inbox(String recipient, boolean unread, PageRequest page) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("recipient", recipient)));
        if (unread) {
            filters.add(Filters.eq("acknowledgedAt", null));
        }
        if (page.continues()) {
            Date before = Date.from(page.beforeTime());
            filters.add(Filters.or(Filters.lt("createdAt", before),
                    Filters.and(Filters.eq("createdAt", before), Filters.lt("_id", page.beforeId()))));
        }
        List<Notification> found = new ArrayList<>();
        notifications.find(Filters.and(filters)).sort(Sorts.descending("createdAt", "_id")).limit(page.limit() + 1)
                .forEach(doc -> found.add(fromDocument(doc)));
        return found;
    }

    /**
     * Acknowledges a recipient's own notification, announcing it in the same write the first time; false when
     * they have none with that id.
     */
    public boolean acknowledge(String notificationId, String recipient, Instant now) {
        Bson own = Filters.and(Filters.eq("_id", notificationId), Filters.eq("recipient", recipient));
        Document found = notifications.find(own).projection(Projections.include("caseId", "kind")).first();
        if (found == null) {
            return false;
        }
        NotificationAcknowledged event = new NotificationAcknowledged(notificationId, found.getString("caseId"),
                recipient, now, found.getString("kind"));
        UpdateResult result = locks.write(NOTIFICATIONS, notificationId, () -> notifications.updateOne(
                Filters.and(own, Filters.eq("acknowledgedAt", null)),
                Updates.combine(Updates.set("acknowledgedAt", Date.from(now)), Outbox.append(now, List.of(event)))));
        if (result.getModifiedCount() > 0) {
            relay.publishSoon(NOTIFICATIONS, notificationId);
        }
        return true;
    }

    private static Document toDocument(Notification n) {
        return new Document("_id", n.notificationId()).append("recipient", n.recipient())
                .append("kind", n.kind().name()).append("priority", n.priority().name())
                .append("title", n.title()).append("body", n.body()).append("caseId", n.caseId())
                .append("createdAt", Date.from(n.createdAt())).append("acknowledgedAt", null)
                .append("requiresAck", n.requiresAck()).append("sendCount", n.sendCount())
                .append("sourceEventId", n.sourceEventId());
    }

    private static Notification fromDocument(Document doc) {
        Date acknowledged = doc.getDate("acknowledgedAt");
        return new Notification(doc.getString("_id"), doc.getString("recipient"),
                NotificationKind.valueOf(doc.getString("kind")), Priority.valueOf(doc.getString("priority")),
                doc.getString("title"), doc.getString("body"), doc.getString("caseId"),
                doc.getDate("createdAt").toInstant(), acknowledged == null ? null : acknowledged.toInstant(),
                doc.getBoolean("requiresAck"), doc.getInteger("sendCount", 1), doc.getString("sourceEventId"));
    }
}
