package org.village.casework.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.bson.BsonNull;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.village.casework.domain.AssignmentPolicy;
import org.village.casework.domain.CaseFile;
import org.village.casework.domain.CaseRuleViolation;
import org.village.casework.domain.CaseStatus;
import org.village.casework.domain.Change;
import org.village.casework.domain.Closure;
import org.village.casework.domain.Consent;
import org.village.casework.domain.OrderStatus;
import org.village.casework.domain.ProtectiveOrder;
import org.village.casework.domain.SafetyPlan;
import org.village.casework.domain.Task;
import org.village.casework.domain.TaskStatus;
import org.village.casework.domain.TimelineEntry;
import org.village.events.DangerLevel;
import org.village.events.Priority;
import org.village.events.VillageEvent;
import org.village.messaging.AppliedEvents;
import org.village.messaging.OutboxRelay;
import org.village.messaging.store.KeysetPaging;
import org.village.messaging.store.Migrations;
import org.village.messaging.store.OutboxDocuments;
import org.village.security.sealing.KeyVault;
import org.village.security.sealing.SealedFields;
import org.village.security.sealing.Sealing;
import org.village.security.sealing.SubjectCipher;
import org.village.security.sealing.SubjectKeyStore;
import org.village.web.PageRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@value #COLLECTION} collection: one document per case, with its tasks, consents, orders and timeline
 * embedded and its pending events in its outbox. Every change is one conditional update on the case's
 * version, so concurrent edits never overwrite each other: the loser re-reads and applies its command again.
 * The safety plan is sealed under the case's own key ({@value #KEYS}), destroyed when the survivor's data is.
 */
@Component
public class CaseStore {

    public static final String COLLECTION = "cases";

    /** Each referral of the case and its furthest step, as referral-service's events told it. */
    private static final String REFERRALS = "referrals";

    public static final String KEYS = "case_keys";
    /** Every timeline entry of every case, one document each: the history beyond what a case document keeps. */
    public static final String TIMELINE = "case_timeline";
    /** Finished tasks moved out of their case document once it holds {@value #TASKS_KEPT} tasks. */
    public static final String TASK_ARCHIVE = "case_tasks_archive";
    /** The newest timeline entries a case document keeps; all of them are in {@value #TIMELINE}. */
    public static final int TIMELINE_KEPT = 200;
    /** The tasks a case document keeps: beyond this, its oldest finished tasks move to {@value #TASK_ARCHIVE}. */
    public static final int TASKS_KEPT = 120;

    private static final int MAX_ATTEMPTS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboxDocuments documents;
    private final MongoCollection<Document> cases;
    private final CaseHistory history;
    private final SubjectKeyStore keys;

    public CaseStore(MongoDatabase database, KeyVault vault, Sealing sealing, OutboxRelay relay) {
        this.documents = new OutboxDocuments(database.getCollection(COLLECTION), relay);
        this.cases = documents.collection();
        this.history = new CaseHistory(database);
        this.keys = new SubjectKeyStore(vault, database, KEYS, sealing);
        cases.createIndex(Indexes.ascending("agencyId", "status"));
        cases.createIndex(Indexes.ascending("advocate", "status"));
        KeysetPaging.createIndex(cases, "openedAt", "agencyId");
        KeysetPaging.createIndex(cases, "openedAt", "advocate");
        cases.createIndex(Indexes.ascending("tasks.assignee"));
        cases.createIndex(Indexes.ascending("tasks.taskId"));
        // counted by the (openFor, nextDueAt) index below
        cases.createIndex(Indexes.ascending(OPEN_HIGH_FOR));
        cases.createIndex(Indexes.ascending(OPEN_FOR, NEXT_DUE));
        cases.createIndex(Indexes.ascending(PENDING_FOR));
        // the sweeps read the cases with something due through these, not every case
        cases.createIndex(Indexes.ascending(TASK_DUE));
        cases.createIndex(Indexes.ascending(ORDER_DUE));
        Migrations.once(database, "advocate-load-fields", this::markLoads);
        Migrations.once(database, "caseload-fields", this::markCaseloadFields);
        Migrations.once(database, "sweep-fields", this::markSweepFields);
    }

    /**
     * The earliest due time of a case's OPEN tasks (null when it has none): the overdue sweep reads the cases
     * whose time has come through this field's index, however many cases there are.
     */
    static final String TASK_DUE = "openTaskDueAt";

    /**
     * The earliest expiry of a case's protective orders in force whose reminder has not gone out for that expiry
     * (null when none): the reminder sweep reads the cases whose reminder window has begun through this field's
     * index.
     */
    static final String ORDER_DUE = "orderReminderDueAt";

    /** The sweep fields of a case as it is now, for its update. */
    private static Bson sweepFields(CaseFile file) {
        return Updates.combine(Updates.set(TASK_DUE, taskDue(file)), Updates.set(ORDER_DUE, orderDue(file)));
    }

    private static @Nullable Date taskDue(CaseFile file) {
        return file.tasks().stream()
                .filter(task -> task.status() == TaskStatus.OPEN && task.dueAt() != null)
                .map(Task::dueAt)
                .min(Comparator.naturalOrder())
                .map(Date::from)
                .orElse(null);
    }

    private static @Nullable Date orderDue(CaseFile file) {
        return file.protectiveOrders().stream()
                .filter(order -> order.status().inForce()
                        && order.expiresAt() != null
                        && !order.expiresAt().equals(order.remindedFor()))
                .map(ProtectiveOrder::expiresAt)
                .min(Comparator.naturalOrder())
                .map(Date::from)
                .orElse(null);
    }

    /**
     * Gives the cases stored before {@value #TASK_DUE} existed their sweep fields; a case changed meanwhile (its
     * version moved on) is left as that change wrote it.
     */
    private void markSweepFields() {
        cases.find(Filters.exists(TASK_DUE, false)).forEach(doc -> {
            CaseFile file = fromDocument(doc);
            cases.updateOne(
                    Filters.and(Filters.eq("_id", file.caseId()), Filters.eq("version", doc.get("version"))),
                    sweepFields(file));
        });
    }

    /**
     * The advocate of a case that is open (OPEN or CLOSURE_REQUESTED), null otherwise: an advocate's open cases are
     * a count of this field's index, whatever the number of cases.
     */
    static final String OPEN_FOR = "openFor";

    /** The advocate of an open HIGH-danger case, null otherwise. */
    static final String OPEN_HIGH_FOR = "openHighFor";

    private static @Nullable String openFor(CaseStatus status, @Nullable String advocate) {
        return status == CaseStatus.OPEN || status == CaseStatus.CLOSURE_REQUESTED ? advocate : null;
    }

    private static @Nullable String openHighFor(CaseStatus status, @Nullable String advocate, DangerLevel danger) {
        return danger == DangerLevel.HIGH ? openFor(status, advocate) : null;
    }

    /**
     * The advocate of an open case with referrals pending, null otherwise: the caseload's pending referrals are
     * summed over these cases only.
     */
    static final String PENDING_FOR = "pendingFor";

    /**
     * Of an open case, the earliest due time of its OPEN tasks (the epoch when one is OVERDUE); null when it has
     * neither or is closed. With
     * {@value #OPEN_FOR} it is the index the caseload reads the tasks due by tonight through: the cases with
     * something due, not every case the advocate has.
     */
    static final String NEXT_DUE = "nextDueAt";

    private static @Nullable String pendingFor(CaseStatus status, @Nullable String advocate, int pending) {
        return pending > 0 ? openFor(status, advocate) : null;
    }

    private static @Nullable Date nextDue(CaseStatus status, @Nullable String advocate, List<Task> tasks) {
        if (openFor(status, advocate) == null) {
            return null;
        }
        return tasks.stream()
                // an overdue task counts whenever the caseload is read, whatever its due time
                .filter(task -> task.status() == TaskStatus.OPEN || task.status() == TaskStatus.OVERDUE)
                .map(task -> task.status() == TaskStatus.OVERDUE ? Instant.EPOCH : task.dueAt())
                .min(Comparator.naturalOrder())
                .map(Date::from)
                .orElse(null);
    }

    /** The caseload fields of a case as it is now, for its update. */
    private static Bson caseloadFields(CaseFile file) {
        return Updates.combine(
                Updates.set(PENDING_FOR, pendingFor(file.status(), file.advocate(), file.pendingReferrals())),
                Updates.set(NEXT_DUE, nextDue(file.status(), file.advocate(), file.tasks())));
    }

    /**
     * Gives the open cases stored before {@value #NEXT_DUE} existed their caseload fields; a case changed meanwhile
     * (its version moved on) is left as that change wrote it.
     */
    private void markCaseloadFields() {
        cases.find(Filters.and(
                        Filters.in("status", CaseStatus.OPEN.name(), CaseStatus.CLOSURE_REQUESTED.name()),
                        Filters.exists(NEXT_DUE, false)))
                .forEach(doc -> {
                    CaseFile file = fromDocument(doc);
                    cases.updateOne(
                            Filters.and(Filters.eq("_id", file.caseId()), Filters.eq("version", doc.get("version"))),
                            caseloadFields(file));
                });
    }

    /**
     * Gives the cases stored before {@value #OPEN_FOR} existed their load fields; a case changed meanwhile is left
     * as that change wrote it.
     */
    private void markLoads() {
        cases.find(Filters.and(
                        Filters.in("status", CaseStatus.OPEN.name(), CaseStatus.CLOSURE_REQUESTED.name()),
                        Filters.exists(OPEN_FOR, false)))
                .projection(Projections.include("status", "advocate", "dangerLevel"))
                .forEach(doc -> {
                    CaseStatus status = CaseStatus.valueOf(doc.getString("status"));
                    String advocate = doc.getString("advocate");
                    cases.updateOne(
                            Filters.and(
                                    Filters.eq("_id", doc.get("_id")),
                                    Filters.eq("status", status.name()),
                                    Filters.eq("advocate", advocate)),
                            Updates.combine(
                                    Updates.set(OPEN_FOR, openFor(status, advocate)),
                                    Updates.set(
                                            OPEN_HIGH_FOR,
                                            openHighFor(
                                                    status,
                                                    advocate,
                                                    DangerLevel.valueOf(doc.getString("dangerLevel"))))));
                });
    }

    /** Stores a new case with the events its opening caused, in one write; false if it already exists. */
    public boolean open(CaseFile file, List<? extends VillageEvent> events, Instant now) {
        Document document = toDocument(file, keys.fields(file.caseId())).append("version", 1L);
        boolean inserted = documents.insert(document, now, events);
        if (inserted) {
            history.archiveTimeline(file.caseId(), file.timeline());
        }
        return inserted;
    }

    public Optional<CaseFile> find(String caseId) {
        return Optional.ofNullable(cases.find(Filters.eq("_id", caseId)).first())
                .map(this::fromDocument);
    }

    /** The case that holds a task. */
    public Optional<CaseFile> findByTask(String taskId) {
        return Optional.ofNullable(
                        cases.find(Filters.eq("tasks.taskId", taskId)).first())
                .map(this::fromDocument);
    }

    /**
     * Applies a command to a case: reads it, lets the command decide, and writes the result only if nobody
     * changed the case meanwhile (else tries again). With an idempotency key, a command already applied under
     * that key is not applied again. Returns the case as it is afterwards.
     */
    public CaseFile change(String caseId, @Nullable String idempotencyKey, Function<CaseFile, Change> command) {
        Change done;
        try {
            done = documents
                    .compareAndSet(caseId, MAX_ATTEMPTS, current -> decide(current, idempotencyKey, command))
                    .orElseThrow(() -> CaseRuleViolation.notFound("Case " + caseId));
        } catch (OutboxDocuments.ConcurrentChangeException e) {
            throw CaseRuleViolation.conflict("The case is being changed by many people at once; try again");
        }
        if (done.isEmpty()) {
            return done.next();
        }
        history.archiveTimeline(caseId, done.timeline());
        return find(caseId).orElseThrow();
    }

    /** What a command makes of the case as stored: nothing, or the write that records its change. */
    private OutboxDocuments.Decision<Change> decide(
            Document current, @Nullable String idempotencyKey, Function<CaseFile, Change> command) {
        CaseFile file = fromDocument(current);
        String caseId = file.caseId();
        if (idempotencyKey != null
                && current.getList(AppliedEvents.FIELD, String.class, List.of()).contains(idempotencyKey)) {
            return OutboxDocuments.Decision.nothing(Change.none(file));
        }
        Change change = command.apply(file);
        if (change.isEmpty()) {
            return OutboxDocuments.Decision.nothing(change);
        }
        SealedFields sealed = keys.fields(caseId);
        List<Document> keptTasks = history.archiveFinishedTasks(caseId, tasks(change.next(), sealed));
        history.archiveEvicted(
                caseId,
                current.getList("timeline", Document.class, List.of()),
                change.timeline().size());
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set("status", change.next().status().name()),
                Updates.set("advocate", change.next().advocate()),
                Updates.set(
                        OPEN_FOR, openFor(change.next().status(), change.next().advocate())),
                Updates.set(
                        OPEN_HIGH_FOR,
                        openHighFor(
                                change.next().status(),
                                change.next().advocate(),
                                change.next().dangerLevel())),
                caseloadFields(change.next()),
                sweepFields(change.next()),
                Updates.set("tasks", keptTasks),
                Updates.set("consents", consents(change.next())),
                Updates.set("protectiveOrders", orders(change.next())),
                Updates.set("closure", closure(change.next().closure(), sealed)),
                pushTimeline(change.timeline())));
        if (idempotencyKey != null) {
            updates.add(AppliedEvents.markApplied(idempotencyKey));
        }
        Instant at = change.timeline().isEmpty()
                ? Instant.now()
                : change.timeline().get(0).at();
        return OutboxDocuments.Decision.write(Updates.combine(updates), change.events(), at, change);
    }

    /** Adds a timeline entry for an event from another service, once per event; false if the case is unknown. */
    public boolean note(String caseId, TimelineEntry entry, String eventId) {
        boolean applied = documents.update(
                caseId,
                AppliedEvents.notYetApplied(eventId),
                Updates.combine(pushTimeline(List.of(entry)), AppliedEvents.markApplied(eventId)));
        if (applied) {
            history.archiveTimeline(caseId, List.of(entry));
        }
        return applied || cases.countDocuments(Filters.eq("_id", caseId)) > 0;
    }

    /** How far a referral has come, as the case counts it: a referral only ever moves forward. */
    public enum ReferralStep {
        PENDING,
        ACCEPTED,
        CLOSED
    }

    /**
     * Records a step of one of the case's referrals, known from referral-service's events: the case keeps each
     * referral's furthest step and counts those still PENDING as its {@code pendingReferrals}; a repeated or late
     * event changes nothing. The timeline gets the entry when the step is new. False if the case is unknown.
     */
    public boolean referral(String caseId, String referralId, ReferralStep step, TimelineEntry entry) {
        Optional<Boolean> written;
        try {
            written = documents.compareAndSet(caseId, MAX_ATTEMPTS, current -> {
                List<Document> referrals = new ArrayList<>(current.getList(REFERRALS, Document.class, List.of()));
                Document known = referrals.stream()
                        .filter(r -> referralId.equals(r.getString("referralId")))
                        .findFirst()
                        .orElse(null);
                if (known != null
                        && ReferralStep.valueOf(known.getString("step")).compareTo(step) >= 0) {
                    return OutboxDocuments.Decision.nothing(false);
                }
                referrals.remove(known);
                referrals.add(new Document("referralId", referralId).append("step", step.name()));
                long pending = referrals.stream()
                        .filter(r -> ReferralStep.PENDING.name().equals(r.getString("step")))
                        .count();
                return OutboxDocuments.Decision.write(
                        Updates.combine(
                                Updates.set(REFERRALS, referrals),
                                Updates.set("pendingReferrals", (int) pending),
                                Updates.set(
                                        PENDING_FOR,
                                        pendingFor(
                                                CaseStatus.valueOf(current.getString("status")),
                                                current.getString("advocate"),
                                                (int) pending)),
                                pushTimeline(List.of(entry))),
                        List.of(),
                        entry.at(),
                        true);
            });
        } catch (OutboxDocuments.ConcurrentChangeException e) {
            throw CaseRuleViolation.conflict("The case is being changed by many people at once; try again");
        }
        if (written.orElse(false)) {
            history.archiveTimeline(caseId, List.of(entry));
        }
        return written.isPresent();
    }

    /** The safety plan, opened; empty when there is none yet, {@code erased} when its key was destroyed. */
    public Optional<SafetyPlanRead> safetyPlan(String caseId) {
        Document doc = cases.find(Filters.eq("_id", caseId))
                .projection(Projections.include("safetyPlan"))
                .first();
        Document plan = doc == null ? null : doc.get("safetyPlan", Document.class);
        if (plan == null) {
            return Optional.empty();
        }
        long version = plan.getLong("version");
        Optional<SubjectCipher> key = plan.get("sealed") == null ? Optional.empty() : keys.find(caseId);
        return Optional.of(key.map(cipher -> {
                    SealedPlan sealed = JSON.readValue(
                            cipher.open(plan.get("sealed", Binary.class).getData(), caseId + "/safetyPlan"),
                            SealedPlan.class);
                    return new SafetyPlanRead(
                            new SafetyPlan(
                                    version,
                                    sealed.steps(),
                                    sealed.safeContacts(),
                                    sealed.notes(),
                                    plan.getDate("updatedAt").toInstant(),
                                    plan.getString("updatedBy")),
                            false);
                })
                .orElse(new SafetyPlanRead(
                        new SafetyPlan(
                                version,
                                List.of(),
                                List.of(),
                                null,
                                plan.getDate("updatedAt").toInstant(),
                                plan.getString("updatedBy")),
                        true)));
    }

    /** A safety plan as read: its contents, or that they were erased. */
    public record SafetyPlanRead(SafetyPlan plan, boolean erased) {}

    /**
     * Replaces the safety plan if it is still at {@code expectedVersion} (0 for none yet); a stale version is
     * refused, so an older copy never overwrites a newer one. Returns the new version.
     */
    public long putSafetyPlan(CaseFile file, long expectedVersion, SafetyPlan plan, TimelineEntry entry) {
        if (file.status() == CaseStatus.CLOSED) {
            throw CaseRuleViolation.conflict("The case is closed");
        }
        byte[] sealed = keys.createOrGet(file.caseId())
                .seal(
                        JSON.writeValueAsString(new SealedPlan(plan.steps(), plan.safeContacts(), plan.notes())),
                        file.caseId() + "/safetyPlan");
        Bson stillAt = expectedVersion == 0
                ? Filters.exists("safetyPlan", false)
                : Filters.eq("safetyPlan.version", expectedVersion);
        long next = expectedVersion + 1;
        boolean applied = documents.update(
                file.caseId(),
                stillAt,
                Updates.combine(
                        Updates.set(
                                "safetyPlan",
                                new Document("version", next)
                                        .append("sealed", new Binary(sealed))
                                        .append("updatedAt", Date.from(plan.updatedAt()))
                                        .append("updatedBy", plan.updatedBy())),
                        pushTimeline(List.of(entry)),
                        Updates.inc("version", 1L)));
        if (!applied) {
            throw CaseRuleViolation.conflict("The safety plan changed since version " + expectedVersion
                    + " was read: reload it and apply your edits again");
        }
        history.archiveTimeline(file.caseId(), List.of(entry));
        return next;
    }

    /**
     * D6 reaches the case: its own key is destroyed with the survivor's, and with it the safety plan, the tasks'
     * notes and outcomes and the closure note.
     */
    public void destroyKey(String caseId) {
        keys.destroy(caseId);
        Optional<Boolean> erased = documents.compareAndSet(caseId, MAX_ATTEMPTS, current -> {
            List<Document> tasks = current.getList("tasks", Document.class, List.of()).stream()
                    .map(task -> new Document(task).append("note", null).append("outcome", null))
                    .toList();
            List<Bson> updates =
                    new ArrayList<>(List.of(Updates.set("tasks", tasks), Updates.unset("safetyPlan.sealed")));
            if (current.get("closure", Document.class) != null) {
                updates.add(Updates.set("closure.note", null));
            }
            return OutboxDocuments.Decision.write(Updates.combine(updates), List.of(), Instant.EPOCH, true);
        });
        if (erased.isPresent()) {
            history.eraseTaskNotes(caseId);
        }
    }

    /** Appends timeline entries to a case document, which keeps the newest {@value #TIMELINE_KEPT}. */
    private static Bson pushTimeline(List<TimelineEntry> entries) {
        return Updates.pushEach("timeline", timeline(entries), new PushOptions().slice(-TIMELINE_KEPT));
    }

    /**
     * One page of a case's whole timeline, newest first: the entries its document keeps and those moved out of
     * it, each once, ordered by {@link #timelineKey}.
     */
    public List<TimelineEntry> timelinePage(String caseId, List<TimelineEntry> kept, PageRequest page) {
        return history.timelinePage(caseId, kept, page);
    }

    /** Orders timeline entries (newest last) and tells one from another: its time, type and content. */
    public static String timelineKey(TimelineEntry entry) {
        return String.format(
                "%015d:%s:%08x", entry.at().toEpochMilli(), entry.type(), Objects.hash(entry.actor(), entry.summary()));
    }

    static TimelineEntry entry(Document e) {
        return new TimelineEntry(instant(e, "at"), e.getString("type"), e.getString("actor"), e.getString("summary"));
    }

    /**
     * A caseload's counts. An advocate's are read through indexes, each part from what it counts only: the open
     * cases and the HIGH-danger ones are counts of {@value #OPEN_FOR} and {@value #OPEN_HIGH_FOR}, the pending
     * referrals a sum over the cases with some ({@value #PENDING_FOR}), the tasks overdue and due today a count
     * over the cases with a task due by tonight ({@value #NEXT_DUE}): as cheap with thousands of cases as with ten.
     * An agency's (a supervisor's) are counted in one pass over its open cases.
     */
    public Caseload caseload(Listing scope, Instant now, Instant endOfDay) {
        String advocate = scope.advocate();
        if (scope.agencyId() != null || advocate == null) {
            return countedOver(new Listing(scope.agencyId(), null, null, false, null).filter(), now, endOfDay);
        }
        Document pending = cases.aggregate(List.of(
                        Aggregates.match(Filters.eq(PENDING_FOR, advocate)),
                        Aggregates.group(null, Accumulators.sum("pending", "$pendingReferrals"))))
                .first();
        Caseload due = countedOver(
                Filters.and(Filters.eq(OPEN_FOR, advocate), Filters.lte(NEXT_DUE, Date.from(endOfDay))), now, endOfDay);
        return new Caseload(
                cases.countDocuments(Filters.eq(OPEN_FOR, advocate)),
                cases.countDocuments(Filters.eq(OPEN_HIGH_FOR, advocate)),
                due.overdueTasks(),
                due.dueToday(),
                pending == null ? 0 : number(pending, "pending"));
    }

    /**
     * The counts over the cases a filter finds, in one pass: each case adds itself, its danger, its pending
     * referrals and its open tasks overdue or due by the end of the day.
     */
    private Caseload countedOver(Bson open, Instant now, Instant endOfDay) {
        Document counts = cases.aggregate(List.of(
                        Aggregates.match(open),
                        Aggregates.group(
                                null,
                                Accumulators.sum("open", 1),
                                Accumulators.sum(
                                        "high",
                                        new Document(
                                                "$cond",
                                                List.of(
                                                        new Document(
                                                                "$eq",
                                                                List.of("$dangerLevel", DangerLevel.HIGH.name())),
                                                        1,
                                                        0))),
                                Accumulators.sum("pending", "$pendingReferrals"),
                                Accumulators.sum(
                                        "overdue",
                                        openTasks(new Document(
                                                "$or",
                                                List.of(
                                                        new Document(
                                                                "$eq",
                                                                List.of("$$t.status", TaskStatus.OVERDUE.name())),
                                                        dueBefore("$lt", now))))),
                                Accumulators.sum("dueToday", openTasks(dueBefore("$lte", endOfDay))))))
                .first();
        if (counts == null) {
            return new Caseload(0, 0, 0, 0, 0);
        }
        return new Caseload(
                number(counts, "open"),
                number(counts, "high"),
                number(counts, "overdue"),
                number(counts, "dueToday"),
                number(counts, "pending"));
    }

    /** Counts over a caseload. */
    public record Caseload(long openCases, long highDanger, long overdueTasks, long dueToday, long pendingReferrals) {}

    /** How many of a case's tasks ({@code $$t}) are open (OPEN or OVERDUE) and meet {@code condition}. */
    private static Document openTasks(Document condition) {
        Document open =
                new Document("$in", List.of("$$t.status", List.of(TaskStatus.OPEN.name(), TaskStatus.OVERDUE.name())));
        return new Document(
                "$size",
                new Document(
                        "$filter",
                        new Document("input", new Document("$ifNull", List.of("$tasks", List.of())))
                                .append("as", "t")
                                .append("cond", new Document("$and", List.of(open, condition)))));
    }

    /** A task ({@code $$t}) with a due time {@code comparison} ({@code $lt}, {@code $lte}) {@code time}. */
    private static Document dueBefore(String comparison, Instant time) {
        return new Document(
                "$and",
                List.of(
                        // a task without a due time is never due (as a query's comparison would not match it)
                        new Document("$gt", List.of("$$t.dueAt", BsonNull.VALUE)),
                        new Document(comparison, List.of("$$t.dueAt", Date.from(time)))));
    }

    /** A task with the case it belongs to. */
    public record AssignedTask(String caseId, Task task) {}

    /**
     * One page of a user's tasks, newest first, found and ordered by the database; their notes and outcomes
     * opened under each case's key.
     */
    public List<AssignedTask> tasksOf(String assignee, PageRequest page) {
        Bson match = KeysetPaging.continuing(
                Filters.eq("tasks.assignee", assignee),
                "tasks.createdAt",
                "tasks.taskId",
                page.beforeTime(),
                page.beforeId());
        List<AssignedTask> found = new ArrayList<>();
        cases.aggregate(List.of(
                        Aggregates.match(Filters.eq("tasks.assignee", assignee)),
                        Aggregates.project(Projections.include("tasks")),
                        Aggregates.unwind("$tasks"),
                        Aggregates.match(match),
                        Aggregates.sort(KeysetPaging.newestFirst("tasks.createdAt", "tasks.taskId")),
                        Aggregates.limit(page.limit() + 1)))
                .forEach(doc -> found.add(new AssignedTask(
                        doc.getString("_id"),
                        task(doc.get("tasks", Document.class), keys.fields(doc.getString("_id"))))));
        return found;
    }

    /**
     * Each advocate's open and open-HIGH cases, counted from the cases themselves when asked: a count of an index
     * each, as cheap with a thousand open cases as with one.
     */
    public AssignmentPolicy.Loads loads() {
        return new AssignmentPolicy.Loads() {
            @Override
            public long openHigh(String advocate) {
                return cases.countDocuments(Filters.eq(OPEN_HIGH_FOR, advocate));
            }

            @Override
            public long open(String advocate) {
                return cases.countDocuments(Filters.eq(OPEN_FOR, advocate));
            }
        };
    }

    /**
     * Which cases a list covers: an agency's (a supervisor's lists) or one advocate's; of one status, or every
     * status but CLOSED when {@code status} is null and {@code closedToo} is false; of one danger level or any.
     */
    public record Listing(
            @Nullable String agencyId,
            @Nullable String advocate,
            @Nullable CaseStatus status,
            boolean closedToo,
            @Nullable DangerLevel dangerLevel) {

        public static Listing ofAgency(String agencyId) {
            return new Listing(agencyId, null, null, true, null);
        }

        public static Listing ofAdvocate(String advocate) {
            return new Listing(null, advocate, null, false, null);
        }

        public Listing withStatus(CaseStatus chosen) {
            return new Listing(agencyId, advocate, chosen, closedToo, dangerLevel);
        }

        public Listing withDangerLevel(DangerLevel chosen) {
            return new Listing(agencyId, advocate, status, closedToo, chosen);
        }

        Bson filter() {
            List<Bson> filters = new ArrayList<>();
            filters.add(agencyId != null ? Filters.eq("agencyId", agencyId) : Filters.eq("advocate", advocate));
            if (status != null) {
                filters.add(Filters.eq("status", status.name()));
            } else if (!closedToo) {
                filters.add(Filters.ne("status", CaseStatus.CLOSED.name()));
            }
            if (dangerLevel != null) {
                filters.add(Filters.eq("dangerLevel", dangerLevel.name()));
            }
            return Filters.and(filters);
        }
    }

    /** One page of the cases a list covers, newest first. */
    public List<CaseFile> list(Listing listing, PageRequest page) {
        return list(listing.filter(), page);
    }

    private List<CaseFile> list(Bson filter, PageRequest page) {
        List<CaseFile> found = new ArrayList<>();
        KeysetPaging.page(cases, filter, "openedAt", page.beforeTime(), page.beforeId(), page.limit())
                .forEach(doc -> found.add(fromDocument(doc)));
        return found;
    }

    /** The cases with an open task due by {@code now}, found through {@value #TASK_DUE}'s index. */
    public List<String> withTasksDueBy(Instant now) {
        return ids(Filters.lte(TASK_DUE, Date.from(now)));
    }

    /**
     * The cases that may have a protective order in force expiring by {@code until} with its reminder not yet
     * sent, found through {@value #ORDER_DUE}'s index: those whose earliest such expiry is by {@code until}. That
     * includes a case whose earliest one expired unreminded (recorded already expired, or the sweep not running for
     * a whole window), so that its later orders are still found; the sweep's command decides order by order.
     */
    public List<String> withOrderRemindersDueBy(Instant until) {
        return ids(Filters.lte(ORDER_DUE, Date.from(until)));
    }

    /** The ids of cases matching a filter (for the sweeps). */
    private List<String> ids(Bson filter) {
        List<String> ids = new ArrayList<>();
        cases.find(filter).projection(Projections.include("_id")).forEach(doc -> ids.add(doc.getString("_id")));
        return ids;
    }

    private static long number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** The sealed part of a safety plan. */
    private record SealedPlan(
            List<String> steps,
            List<String> safeContacts,
            @Nullable String notes) {}

    private static @Nullable Date date(@Nullable Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Document doc, String field) {
        return doc.getDate(field).toInstant();
    }

    private static @Nullable Instant optionalInstant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static List<Document> tasks(CaseFile file, SealedFields sealed) {
        return file.tasks().stream()
                .map(t -> new Document("taskId", t.taskId())
                        .append("kind", t.kind())
                        .append("assignee", t.assignee())
                        .append("assigneeRole", t.assigneeRole())
                        .append("dueAt", date(t.dueAt()))
                        .append("priority", t.priority().name())
                        .append("status", t.status().name())
                        .append("createdAt", date(t.createdAt()))
                        .append("note", sealed.seal(t.note(), "task/" + t.taskId() + "/note"))
                        .append("completedAt", date(t.completedAt()))
                        .append("outcome", sealed.seal(t.outcome(), "task/" + t.taskId() + "/outcome")))
                .toList();
    }

    private static List<Document> consents(CaseFile file) {
        return file.consents().stream()
                .map(c -> new Document("consentId", c.consentId())
                        .append("recipientType", c.recipientType())
                        .append("recipientId", c.recipientId())
                        .append("scope", c.scope())
                        .append("form", c.form())
                        .append("givenAt", date(c.givenAt()))
                        .append("expiresAt", date(c.expiresAt()))
                        .append("revokedAt", date(c.revokedAt())))
                .toList();
    }

    private static List<Document> orders(CaseFile file) {
        return file.protectiveOrders().stream()
                .map(o -> new Document("orderId", o.orderId())
                        .append("status", o.status().name())
                        .append(
                                "courtDate",
                                o.courtDate() == null ? null : o.courtDate().toString())
                        .append("expiresAt", date(o.expiresAt()))
                        .append("createdAt", date(o.createdAt()))
                        .append("remindedFor", date(o.remindedFor())))
                .toList();
    }

    private static @Nullable Document closure(@Nullable Closure c, SealedFields sealed) {
        return c == null
                ? null
                : new Document("reason", c.reason())
                        .append("note", sealed.seal(c.note(), "closure/note"))
                        .append("requestedBy", c.requestedBy())
                        .append("requestedAt", date(c.requestedAt()))
                        .append("closedBy", c.closedBy())
                        .append("closedAt", date(c.closedAt()));
    }

    static List<Document> timeline(List<TimelineEntry> entries) {
        return entries.stream()
                .map(e -> new Document("at", Date.from(e.at()))
                        .append("type", e.type())
                        .append("actor", e.actor())
                        .append("summary", e.summary()))
                .toList();
    }

    static Document toDocument(CaseFile file, SealedFields sealed) {
        return new Document("_id", file.caseId())
                .append("intakeId", file.intakeId())
                .append("agencyId", file.agencyId())
                .append("departmentId", file.departmentId())
                .append("officerId", file.officerId())
                .append("dangerLevel", file.dangerLevel().name())
                .append("status", file.status().name())
                .append("advocate", file.advocate())
                .append(OPEN_FOR, openFor(file.status(), file.advocate()))
                .append(OPEN_HIGH_FOR, openHighFor(file.status(), file.advocate(), file.dangerLevel()))
                .append("openedAt", Date.from(file.openedAt()))
                .append("tasks", tasks(file, sealed))
                .append("timeline", timeline(file.timeline()))
                .append("pendingReferrals", file.pendingReferrals())
                .append(PENDING_FOR, pendingFor(file.status(), file.advocate(), file.pendingReferrals()))
                .append(NEXT_DUE, nextDue(file.status(), file.advocate(), file.tasks()))
                .append(TASK_DUE, taskDue(file))
                .append(ORDER_DUE, orderDue(file))
                .append("consents", consents(file))
                .append("protectiveOrders", orders(file))
                .append("closure", closure(file.closure(), sealed));
    }

    private static Task task(Document t, SealedFields sealed) {
        return new Task(
                t.getString("taskId"),
                t.getString("kind"),
                t.getString("assignee"),
                t.getString("assigneeRole"),
                instant(t, "dueAt"),
                Priority.valueOf(t.getString("priority")),
                TaskStatus.valueOf(t.getString("status")),
                instant(t, "createdAt"),
                sealed.open(t.get("note"), "task/" + t.getString("taskId") + "/note"),
                optionalInstant(t, "completedAt"),
                sealed.open(t.get("outcome"), "task/" + t.getString("taskId") + "/outcome"));
    }

    /** A case as stored, its sealed free text opened (null once the case's key is destroyed). */
    private CaseFile fromDocument(Document doc) {
        SealedFields sealed = keys.fields(doc.getString("_id"));
        List<Task> tasks = doc.getList("tasks", Document.class, List.of()).stream()
                .map(t -> task(t, sealed))
                .toList();
        List<TimelineEntry> timeline = doc.getList("timeline", Document.class, List.of()).stream()
                .map(e -> new TimelineEntry(
                        instant(e, "at"), e.getString("type"), e.getString("actor"), e.getString("summary")))
                .toList();
        List<Consent> consents = doc.getList("consents", Document.class, List.of()).stream()
                .map(c -> new Consent(
                        c.getString("consentId"),
                        c.getString("recipientType"),
                        c.getString("recipientId"),
                        c.getList("scope", String.class),
                        c.getString("form"),
                        instant(c, "givenAt"),
                        instant(c, "expiresAt"),
                        optionalInstant(c, "revokedAt")))
                .toList();
        List<ProtectiveOrder> orders = doc.getList("protectiveOrders", Document.class, List.of()).stream()
                .map(o -> new ProtectiveOrder(
                        o.getString("orderId"),
                        OrderStatus.valueOf(o.getString("status")),
                        o.getString("courtDate") == null ? null : LocalDate.parse(o.getString("courtDate")),
                        optionalInstant(o, "expiresAt"),
                        instant(o, "createdAt"),
                        optionalInstant(o, "remindedFor")))
                .toList();
        Document c = doc.get("closure", Document.class);
        Closure closure = c == null
                ? null
                : new Closure(
                        c.getString("reason"),
                        sealed.open(c.get("note"), "closure/note"),
                        c.getString("requestedBy"),
                        instant(c, "requestedAt"),
                        c.getString("closedBy"),
                        optionalInstant(c, "closedAt"));
        Object version = doc.get("version");
        return new CaseFile(
                doc.getString("_id"),
                doc.getString("intakeId"),
                doc.getString("agencyId"),
                doc.getString("departmentId"),
                doc.getString("officerId"),
                DangerLevel.valueOf(doc.getString("dangerLevel")),
                CaseStatus.valueOf(doc.getString("status")),
                doc.getString("advocate"),
                instant(doc, "openedAt"),
                tasks,
                timeline,
                doc.getInteger("pendingReferrals", 0),
                consents,
                orders,
                closure,
                version instanceof Number n ? n.longValue() : 1L);
    }
}
