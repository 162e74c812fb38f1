package org.village.reporting.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.village.events.BedAvailabilityChanged;
import org.village.events.CaseClosed;
import org.village.events.CaseOpened;
import org.village.events.NotificationAcknowledged;
import org.village.events.NotificationEscalated;
import org.village.events.NotificationSent;
import org.village.events.ReferralAccepted;
import org.village.events.ReferralDeclined;
import org.village.events.ReferralExpired;
import org.village.events.ReferralOutcome;
import org.village.events.ReferralRequested;
import org.village.events.ReferralRevoked;
import org.village.events.TaskCancelled;
import org.village.events.TaskCompleted;
import org.village.events.TaskOverdue;
import org.village.events.TaskScheduled;
import org.village.reporting.domain.BedSnapshot;
import org.village.reporting.domain.CaseFact;
import org.village.reporting.domain.NotificationFact;
import org.village.reporting.domain.Period;
import org.village.reporting.domain.ReferralFact;
import org.village.reporting.domain.TaskFact;

/**
 * Cases, their tasks, referrals and notifications, and shelters' beds, as the reports count them: ids, codes and
 * times, written only from events. Each event sets what it knows on the document of its subject (creating it when
 * it is the first to arrive) or, for a bed snapshot, writes the document of its event id, so an event applied
 * twice, or every topic read again, leaves the same documents.
 */
@Component
public class CaseworkStore {

    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> tasks;
    private final MongoCollection<Document> referrals;
    private final MongoCollection<Document> notifications;
    private final MongoCollection<Document> beds;

    public CaseworkStore(MongoDatabase database) {
        this.cases = database.getCollection("cases");
        this.tasks = database.getCollection("tasks");
        this.referrals = database.getCollection("referrals");
        this.notifications = database.getCollection("notifications");
        this.beds = database.getCollection("beds");
        cases.createIndex(Indexes.ascending("agencyId", "openedAt"));
        tasks.createIndex(Indexes.ascending("caseId"));
        referrals.createIndex(Indexes.ascending("caseId"));
        referrals.createIndex(Indexes.ascending("shelterId", "requestedAt"));
        notifications.createIndex(Indexes.ascending("caseId"));
        beds.createIndex(Indexes.ascending("shelterId", "at"));
    }

    public void opened(CaseOpened opened) {
        set(
                cases,
                opened.caseId(),
                Updates.set("intakeId", opened.intakeId()),
                Updates.set("agencyId", opened.agencyId()),
                Updates.set("dangerLevel", opened.dangerLevel().name()),
                Updates.set("openedAt", Date.from(opened.openedAt())));
    }

    public void closed(CaseClosed closed) {
        set(
                cases,
                closed.caseId(),
                Updates.set("closedAt", Date.from(closed.closedAt())),
                Updates.set("closureReason", closed.reasonCode()));
    }

    public void scheduled(TaskScheduled task) {
        set(
                tasks,
                task.taskId(),
                Updates.set("caseId", task.caseId()),
                Updates.set("kind", task.kind()),
                Updates.set("assigneeRole", task.assigneeRole()),
                Updates.set("dueAt", Date.from(task.dueAt())));
    }

    public void completed(TaskCompleted task) {
        taskAt(task.taskId(), task.caseId(), "completedAt", task.at());
    }

    public void overdue(TaskOverdue task) {
        taskAt(task.taskId(), task.caseId(), "overdueAt", task.at());
    }

    public void cancelled(TaskCancelled task) {
        taskAt(task.taskId(), task.caseId(), "cancelledAt", task.at());
    }

    /** A referral sent at {@code at} (its event's time: the event itself does not say when). */
    public void requested(ReferralRequested referral, Instant at) {
        set(
                referrals,
                referral.referralId(),
                Updates.set("caseId", referral.caseId()),
                Updates.set("shelterId", referral.shelterId()),
                Updates.set("requestedAt", Date.from(at)),
                Updates.set("respondBy", Date.from(referral.respondBy())));
    }

    /** How a referral ended; a shelter's acceptance or decline is its answer. A completed stay changes nothing. */
    public void ended(ReferralOutcome outcome) {
        String code = outcome instanceof ReferralAccepted
                ? ReferralFact.ACCEPTED
                : outcome instanceof ReferralDeclined
                        ? ReferralFact.DECLINED
                        : outcome instanceof ReferralExpired
                                ? ReferralFact.EXPIRED
                                : outcome instanceof ReferralRevoked ? ReferralFact.REVOKED : null;
        if (code == null) {
            return;
        }
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set("caseId", outcome.caseId()),
                Updates.set("shelterId", outcome.shelterId()),
                Updates.set("outcome", code),
                Updates.set("reasonCode", outcome.reasonCode())));
        if (code.equals(ReferralFact.ACCEPTED) || code.equals(ReferralFact.DECLINED)) {
            updates.add(Updates.set("answeredAt", Date.from(outcome.at())));
        }
        set(referrals, outcome.referralId(), updates.toArray(Bson[]::new));
    }

    public void sent(NotificationSent sent) {
        if (sent.caseId() != null) {
            set(
                    notifications,
                    sent.notificationId(),
                    Updates.set("caseId", sent.caseId()),
                    Updates.set("kind", sent.kind()),
                    // re-sends carry later times: the first send is the one that counts
                    Updates.min("sentAt", Date.from(sent.at())));
        }
    }

    public void acknowledged(NotificationAcknowledged acknowledged) {
        if (acknowledged.caseId() != null) {
            set(
                    notifications,
                    acknowledged.notificationId(),
                    Updates.set("caseId", acknowledged.caseId()),
                    Updates.min("acknowledgedAt", Date.from(acknowledged.at())));
        }
    }

    public void escalated(NotificationEscalated escalated) {
        if (escalated.caseId() != null) {
            set(
                    notifications,
                    escalated.notificationId(),
                    Updates.set("caseId", escalated.caseId()),
                    Updates.min("escalatedAt", Date.from(escalated.at())));
        }
    }

    /** A shelter's beds as of {@code at}, kept under the event's id. */
    public void beds(String eventId, BedAvailabilityChanged changed, Instant at) {
        set(
                beds,
                eventId,
                Updates.set("shelterId", changed.shelterId()),
                Updates.set("at", Date.from(at)),
                Updates.set("total", changed.total()),
                Updates.set("occupied", changed.occupied()),
                Updates.set("held", changed.held()));
    }

    /** The cases open at some moment of the period, of one agency when it is given. */
    public List<CaseFact> servedIn(Period period, @Nullable String agencyId) {
        Bson served = Filters.and(
                Filters.lt("openedAt", Date.from(period.end())),
                Filters.or(Filters.eq("closedAt", null), Filters.gte("closedAt", Date.from(period.start()))));
        return read(
                cases,
                agencyId == null ? served : Filters.and(served, Filters.eq("agencyId", agencyId)),
                doc -> new CaseFact(
                        doc.getString("_id"),
                        doc.getString("intakeId"),
                        doc.getString("agencyId"),
                        doc.getString("dangerLevel"),
                        instant(doc, "openedAt"),
                        optionalInstant(doc, "closedAt"),
                        doc.getString("closureReason")));
    }

    /** The tasks of these cases. */
    public List<TaskFact> tasksOf(Collection<String> caseIds) {
        return read(
                tasks,
                Filters.and(Filters.in("caseId", caseIds), Filters.exists("dueAt")),
                doc -> new TaskFact(
                        doc.getString("_id"),
                        doc.getString("caseId"),
                        doc.getString("kind"),
                        doc.getString("assigneeRole"),
                        instant(doc, "dueAt"),
                        optionalInstant(doc, "completedAt"),
                        optionalInstant(doc, "overdueAt"),
                        optionalInstant(doc, "cancelledAt")));
    }

    /** The referrals sent in the period for these cases, or (when {@code caseIds} is null) for every case. */
    public List<ReferralFact> referralsIn(Period period, @Nullable Collection<String> caseIds) {
        Bson within = Filters.and(
                Filters.gte("requestedAt", Date.from(period.start())),
                Filters.lt("requestedAt", Date.from(period.end())));
        return read(
                referrals,
                caseIds == null ? within : Filters.and(within, Filters.in("caseId", caseIds)),
                CaseworkStore::referral);
    }

    /** The notifications about these cases sent in the period. */
    public List<NotificationFact> notificationsIn(Period period, Collection<String> caseIds) {
        return notifications(period, caseIds, "sentAt");
    }

    /** The notifications about these cases escalated in the period. */
    public List<NotificationFact> escalatedIn(Period period, Collection<String> caseIds) {
        return notifications(period, caseIds, "escalatedAt");
    }

    private List<NotificationFact> notifications(Period period, Collection<String> caseIds, String when) {
        Bson within = Filters.and(
                Filters.in("caseId", caseIds),
                Filters.exists("sentAt"),
                Filters.gte(when, Date.from(period.start())),
                Filters.lt(when, Date.from(period.end())));
        return read(
                notifications,
                within,
                doc -> new NotificationFact(
                        doc.getString("_id"),
                        doc.getString("caseId"),
                        doc.getString("kind"),
                        instant(doc, "sentAt"),
                        optionalInstant(doc, "acknowledgedAt"),
                        optionalInstant(doc, "escalatedAt")));
    }

    /** Every bed snapshot before the period's end, oldest first: the last one before it says how the period began. */
    public List<BedSnapshot> bedsUntil(Period period) {
        List<BedSnapshot> found = new ArrayList<>();
        beds.find(Filters.lt("at", Date.from(period.end())))
                .sort(Indexes.ascending("at"))
                .forEach(doc -> found.add(new BedSnapshot(
                        doc.getString("shelterId"),
                        instant(doc, "at"),
                        doc.getInteger("total", 0),
                        doc.getInteger("occupied", 0),
                        doc.getInteger("held", 0))));
        return found;
    }

    /** Forgets everything, before the topics are read again from their beginning. */
    public void clear() {
        for (MongoCollection<Document> collection : List.of(cases, tasks, referrals, notifications, beds)) {
            collection.deleteMany(new Document());
        }
    }

    private void taskAt(String taskId, String caseId, String field, Instant at) {
        set(tasks, taskId, Updates.set("caseId", caseId), Updates.set(field, Date.from(at)));
    }

    private static ReferralFact referral(Document doc) {
        return new ReferralFact(
                doc.getString("_id"),
                doc.getString("caseId"),
                doc.getString("shelterId"),
                instant(doc, "requestedAt"),
                instant(doc, "respondBy"),
                doc.getString("outcome"),
                doc.getString("reasonCode"),
                optionalInstant(doc, "answeredAt"));
    }

    private static <T> List<T> read(MongoCollection<Document> collection, Bson filter, Function<Document, T> fact) {
        List<T> found = new ArrayList<>();
        collection.find(filter).forEach(doc -> found.add(fact.apply(doc)));
        return found;
    }

    private static Instant instant(Document doc, String field) {
        return Objects.requireNonNull(doc.getDate(field), field + " is set by the event that creates the fact")
                .toInstant();
    }

    private static @Nullable Instant optionalInstant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static void set(MongoCollection<Document> collection, String id, Bson... updates) {
        ProjectionWrites.upsert(collection, id, Updates.combine(updates));
    }
}
