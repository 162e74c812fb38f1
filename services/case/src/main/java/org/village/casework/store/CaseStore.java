package org.village.casework.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import org.village.casework.domain.AdvocateLoad;
import org.village.casework.domain.CaseFile;
import org.village.casework.domain.CaseStatus;
import org.village.casework.domain.Task;
import org.village.casework.domain.TaskStatus;
import org.village.casework.domain.TimelineEntry;
import org.village.events.DangerLevel;
import org.village.events.Priority;
import org.village.events.VillageEvent;
import org.village.messaging.AppliedEvents;
import org.village.messaging.Outbox;
import org.village.messaging.OutboxRelay;
import org.village.web.PageRequest;

/** The {@value #COLLECTION} collection: one document per case, tasks and timeline embedded, events in its outbox. */
@Component
public class CaseStore {

    public static final String COLLECTION = "cases";

    private final MongoCollection<Document> cases;
    private final OutboxRelay relay;

    public CaseStore(MongoDatabase database, OutboxRelay relay) {
        this.cases = database.getCollection(COLLECTION);
        this.relay = relay;
        cases.createIndex(Indexes.ascending("agencyId", "status"));
        cases.createIndex(Indexes.ascending("advocate", "status"));
        cases.createIndex(Indexes.ascending("tasks.assignee"));
    }

    /** Stores a new case with the events its opening caused, in one write; false if it already exists. */
    public boolean open(CaseFile file, List<? extends VillageEvent> events, Instant now) {
        Document document = toDocument(file).append(Outbox.FIELD, Outbox.entries(now, events)).append("version", 1L);
        boolean inserted = AppliedEvents.insertOnce(cases, document);
        if (inserted) {
            relay.publishSoon(COLLECTION, file.caseId());
        }
        return inserted;
    }

    /** Adds a timeline entry for an event from another service, once per event; false if the case is unknown. */
    public boolean note(String caseId, TimelineEntry entry, String eventId) {
        var result = cases.updateOne(Filters.and(Filters.eq("_id", caseId), AppliedEvents.notYetApplied(eventId)),
                com.mongodb.client.model.Updates.combine(
                        com.mongodb.client.model.Updates.push("timeline", new Document("at", Date.from(entry.at()))
                                .append("type", entry.type()).append("actor", entry.actor())
                                .append("summary", entry.summary())),
                        AppliedEvents.markApplied(eventId)));
        return result.getMatchedCount() > 0 || cases.countDocuments(Filters.eq("_id", caseId)) > 0;
    }

    public Optional<CaseFile> find(String caseId) {
        return Optional.ofNullable(cases.find(Filters.eq("_id", caseId)).first()).map(CaseStore::fromDocument);
    }

    /** Open cases and open HIGH cases per advocate of an agency, counted from the cases themselves. */
    public Map<String, AdvocateLoad> loads(String agencyId) {
        Map<String, AdvocateLoad> loads = new HashMap<>();
        cases.aggregate(List.of(
                Aggregates.match(Filters.and(Filters.eq("agencyId", agencyId),
                        Filters.in("status", CaseStatus.OPEN.name(), CaseStatus.CLOSURE_REQUESTED.name()))),
                Aggregates.group("$advocate",
                        Accumulators.sum("open", 1),
                        Accumulators.sum("openHigh", new Document("$cond",
                                List.of(new Document("$eq", List.of("$dangerLevel", DangerLevel.HIGH.name())), 1, 0))))))
                .forEach(doc -> {
                    String advocate = doc.getString("_id");
                    if (advocate != null) {
                        loads.put(advocate, new AdvocateLoad(advocate, number(doc, "openHigh"), number(doc, "open")));
                    }
                });
        return loads;
    }

    /** Cases matching a filter, newest first, one page. */
    public List<CaseFile> list(Bson filter, PageRequest page) {
        Bson query = filter;
        if (page.continues()) {
            Date before = Date.from(page.beforeTime());
            query = Filters.and(filter, Filters.or(Filters.lt("openedAt", before),
                    Filters.and(Filters.eq("openedAt", before), Filters.lt("_id", page.beforeId()))));
        }
        List<CaseFile> found = new ArrayList<>();
        cases.find(query).sort(Sorts.descending("openedAt", "_id")).limit(page.limit() + 1)
                .forEach(doc -> found.add(fromDocument(doc)));
        return found;
    }

    /** Every case matching a filter (for counts over a caseload). */
    public List<CaseFile> all(Bson filter) {
        List<CaseFile> found = new ArrayList<>();
        cases.find(filter).forEach(doc -> found.add(fromDocument(doc)));
        return found;
    }

    /** The cases that hold a task assigned to a user. */
    public List<CaseFile> withTasksOf(String assignee) {
        return all(Filters.eq("tasks.assignee", assignee));
    }

    private static long number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }

    static Document toDocument(CaseFile file) {
        List<Document> tasks = file.tasks().stream().map(t -> new Document("taskId", t.taskId())
                .append("kind", t.kind()).append("assignee", t.assignee()).append("assigneeRole", t.assigneeRole())
                .append("dueAt", Date.from(t.dueAt())).append("priority", t.priority().name())
                .append("status", t.status().name()).append("createdAt", Date.from(t.createdAt()))
                .append("note", t.note())).toList();
        List<Document> timeline = file.timeline().stream().map(e -> new Document("at", Date.from(e.at()))
                .append("type", e.type()).append("actor", e.actor()).append("summary", e.summary())).toList();
        return new Document("_id", file.caseId())
                .append("intakeId", file.intakeId())
                .append("agencyId", file.agencyId())
                .append("departmentId", file.departmentId())
                .append("officerId", file.officerId())
                .append("dangerLevel", file.dangerLevel().name())
                .append("status", file.status().name())
                .append("advocate", file.advocate())
                .append("openedAt", Date.from(file.openedAt()))
                .append("tasks", tasks)
                .append("timeline", timeline)
                .append("pendingReferrals", file.pendingReferrals());
    }

    static CaseFile fromDocument(Document doc) {
        List<Task> tasks = doc.getList("tasks", Document.class, List.of()).stream().map(t -> new Task(
                t.getString("taskId"), t.getString("kind"), t.getString("assignee"), t.getString("assigneeRole"),
                t.getDate("dueAt").toInstant(), Priority.valueOf(t.getString("priority")),
                TaskStatus.valueOf(t.getString("status")), t.getDate("createdAt").toInstant(), t.getString("note")))
                .toList();
        List<TimelineEntry> timeline = doc.getList("timeline", Document.class, List.of()).stream()
                .map(e -> new TimelineEntry(e.getDate("at").toInstant(), e.getString("type"), e.getString("actor"),
                        e.getString("summary"))).toList();
        return new CaseFile(doc.getString("_id"), doc.getString("intakeId"), doc.getString("agencyId"),
                doc.getString("departmentId"), doc.getString("officerId"),
                DangerLevel.valueOf(doc.getString("dangerLevel")), CaseStatus.valueOf(doc.getString("status")),
                doc.getString("advocate"), doc.getDate("openedAt").toInstant(), tasks, timeline,
                doc.getInteger("pendingReferrals", 0));
    }
}
