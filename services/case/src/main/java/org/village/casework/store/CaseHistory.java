package org.village.casework.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.village.casework.domain.TaskStatus;
import org.village.casework.domain.TimelineEntry;
import org.village.web.PageRequest;

/**
 * A case's history beyond what its document keeps: every timeline entry ({@value CaseStore#TIMELINE}) and the
 * finished tasks moved out of a full case document ({@value CaseStore#TASK_ARCHIVE}). Every copy is idempotent, so
 * a change retried or replayed copies nothing twice.
 */
final class CaseHistory {

    private final MongoCollection<Document> timelineArchive;
    private final MongoCollection<Document> taskArchive;

    CaseHistory(MongoDatabase database) {
        this.timelineArchive = database.getCollection(CaseStore.TIMELINE);
        this.taskArchive = database.getCollection(CaseStore.TASK_ARCHIVE);
        timelineArchive.createIndex(Indexes.compoundIndex(Indexes.ascending("caseId"), Indexes.descending("at")));
        taskArchive.createIndex(Indexes.ascending("caseId"));
    }

    /** Copies timeline entries to the full history (idempotent: each entry has an id derived from it). */
    void archiveTimeline(String caseId, List<TimelineEntry> entries) {
        archiveTimelineEntries(caseId, CaseStore.timeline(entries));
    }

    /** The entries, each kept once under an id derived from it, in one write however many there are. */
    private void archiveTimelineEntries(String caseId, List<Document> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<ReplaceOneModel<Document>> writes = new ArrayList<>();
        for (Document entry : entries) {
            String id = caseId + ":" + entry.getDate("at").getTime() + ":"
                    + Integer.toHexString(Objects.hash(
                            entry.getString("type"), entry.getString("actor"), entry.getString("summary")));
            writes.add(new ReplaceOneModel<>(
                    Filters.eq("_id", id),
                    new Document(entry).append("_id", id).append("caseId", caseId),
                    new ReplaceOptions().upsert(true)));
        }
        timelineArchive.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** Before a write that pushes {@code adding} entries, the entries it will push out of the document are kept. */
    void archiveEvicted(String caseId, List<Document> stored, int adding) {
        int evicted = stored.size() + adding - CaseStore.TIMELINE_KEPT;
        if (evicted > 0) {
            archiveTimelineEntries(caseId, stored.subList(0, Math.min(evicted, stored.size())));
        }
    }

    /**
     * The tasks a case document keeps; its oldest finished tasks beyond {@value CaseStore#TASKS_KEPT} move to the
     * archive.
     */
    List<Document> archiveFinishedTasks(String caseId, List<Document> tasks) {
        if (tasks.size() <= CaseStore.TASKS_KEPT) {
            return tasks;
        }
        List<Document> finished = tasks.stream()
                .filter(t -> !List.of(TaskStatus.OPEN.name(), TaskStatus.OVERDUE.name())
                        .contains(t.getString("status")))
                .sorted(Comparator.comparing((Document t) -> t.getDate("createdAt")))
                .toList();
        List<Document> moving = finished.subList(0, Math.min(finished.size(), tasks.size() - CaseStore.TASKS_KEPT));
        for (Document task : moving) {
            taskArchive.replaceOne(
                    Filters.eq("_id", task.getString("taskId")),
                    new Document(task).append("_id", task.getString("taskId")).append("caseId", caseId),
                    new ReplaceOptions().upsert(true));
        }
        List<Document> kept = new ArrayList<>(tasks);
        kept.removeAll(moving);
        return kept;
    }

    /**
     * One page of a case's whole timeline, newest first: the entries its document keeps and those moved out of
     * it, each once, ordered by {@link CaseStore#timelineKey}.
     */
    List<TimelineEntry> timelinePage(String caseId, List<TimelineEntry> kept, PageRequest page) {
        Bson filter = Filters.eq("caseId", caseId);
        if (page.continues()) {
            filter = Filters.and(filter, Filters.lte("at", Date.from(page.beforeTime())));
        }
        TreeMap<String, TimelineEntry> byKey = new TreeMap<>(Comparator.reverseOrder());
        timelineArchive
                .find(filter)
                .sort(Sorts.descending("at"))
                .limit(page.limit() + 1 + CaseStore.TIMELINE_KEPT)
                .forEach(doc -> byKey.put(CaseStore.timelineKey(CaseStore.entry(doc)), CaseStore.entry(doc)));
        kept.forEach(entry -> byKey.put(CaseStore.timelineKey(entry), entry));
        return byKey.entrySet().stream()
                .filter(e -> !page.continues() || e.getKey().compareTo(page.beforeId()) < 0)
                .limit(page.limit() + 1L)
                .map(Map.Entry::getValue)
                .toList();
    }

    /** D6: the archived tasks' notes and outcomes go with the case's key. */
    void eraseTaskNotes(String caseId) {
        taskArchive.updateMany(
                Filters.eq("caseId", caseId), Updates.combine(Updates.set("note", null), Updates.set("outcome", null)));
    }
}
