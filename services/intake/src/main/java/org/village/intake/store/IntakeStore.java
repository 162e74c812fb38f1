package org.village.intake.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import org.village.events.DangerLevel;
import org.village.intake.domain.Answer;
import org.village.intake.domain.Incident;
import org.village.intake.domain.Intake;
import org.village.intake.domain.IntakeStatus;
import org.village.intake.domain.Screen;
import org.village.intake.domain.ScreenReason;
import org.village.intake.domain.ScreenResult;
import org.village.intake.domain.Survivor;
import org.village.messaging.AppliedEvents;
import org.village.messaging.Outbox;
import org.village.messaging.OutboxRelay;
import org.village.web.PageRequest;

/** The {@value #COLLECTION} collection: one document per intake, with its pending events in its outbox. */
@Component
public class IntakeStore {

    public static final String COLLECTION = "intakes";

    private final MongoCollection<Document> intakes;
    private final OutboxRelay relay;

    public IntakeStore(MongoDatabase database, OutboxRelay relay) {
        this.intakes = database.getCollection(COLLECTION);
        this.relay = relay;
        intakes.createIndex(Indexes.compoundIndex(Indexes.ascending("officerId"), Indexes.descending("submittedAt")));
        intakes.createIndex(Indexes.ascending("caseId"));
    }

    /**
     * Stores a new intake together with its {@code IntakeSubmitted} event, in one write. Returns the intake
     * stored under that id: the new one, or the one an earlier request with the same idempotency key created.
     */
    public Intake insert(Intake intake, Instant now) {
        Document document = toDocument(intake)
                .append(Outbox.FIELD, Outbox.entries(now, List.of(intake.submitted())));
        if (!AppliedEvents.insertOnce(intakes, document)) {
            return find(intake.id()).orElseThrow();
        }
        relay.publishSoon(COLLECTION, intake.id());
        return intake;
    }

    public Optional<Intake> find(String id) {
        return Optional.ofNullable(intakes.find(Filters.eq("_id", id)).first()).map(IntakeStore::fromDocument);
    }

    /** The intakes a user submitted, newest first. */
    public List<Intake> submittedBy(String officerId, PageRequest page) {
        Bson filter = Filters.eq("officerId", officerId);
        if (page.continues()) {
            Date before = Date.from(page.beforeTime());
            filter = Filters.and(filter, Filters.or(Filters.lt("submittedAt", before),
                    Filters.and(Filters.eq("submittedAt", before), Filters.lt("_id", page.beforeId()))));
        }
        List<Intake> found = new ArrayList<>();
        intakes.find(filter).sort(Sorts.descending("submittedAt", "_id")).limit(page.limit() + 1)
                .forEach(doc -> found.add(fromDocument(doc)));
        return found;
    }

    /** Records the case opened for an intake, once per event. */
    public boolean caseOpened(String intakeId, String caseId, String agencyId, String eventId) {
        UpdateResult result = intakes.updateOne(
                Filters.and(Filters.eq("_id", intakeId), AppliedEvents.notYetApplied(eventId)),
                Updates.combine(Updates.set("caseId", caseId), Updates.set("agencyId", agencyId),
                        Updates.set("status", IntakeStatus.CASE_OPENED.name()), AppliedEvents.markApplied(eventId)));
        return result.getMatchedCount() > 0 || exists(intakeId);
    }

    /** Records who works the case of an intake, once per event; false when no intake knows the case yet. */
    public boolean advocateAssigned(String caseId, String advocateId, String eventId) {
        UpdateResult result = intakes.updateOne(
                Filters.and(Filters.eq("caseId", caseId), AppliedEvents.notYetApplied(eventId)),
                Updates.combine(Updates.set("assignedAdvocate", advocateId), AppliedEvents.markApplied(eventId)));
        return result.getMatchedCount() > 0 || intakes.countDocuments(Filters.eq("caseId", caseId)) > 0;
    }

    private boolean exists(String intakeId) {
        return intakes.countDocuments(Filters.eq("_id", intakeId)) > 0;
    }

    static Document toDocument(Intake intake) {
        Survivor s = intake.survivor();
        Incident i = intake.incident();
        Screen screen = intake.screen();
        Map<String, String> answers = new LinkedHashMap<>();
        screen.answers().forEach((key, answer) -> answers.put(key, answer.name()));
        return new Document("_id", intake.id())
                .append("departmentId", intake.departmentId())
                .append("officerId", intake.officerId())
                .append("submittedAt", Date.from(intake.submittedAt()))
                .append("survivor", new Document("firstName", s.firstName())
                        .append("lastName", s.lastName())
                        .append("dateOfBirth", s.dateOfBirth() == null ? null : s.dateOfBirth().toString())
                        .append("phone", s.phone())
                        .append("safeToCall", s.safeToCall())
                        .append("address", s.address())
                        .append("preferredLanguage", s.preferredLanguage())
                        .append("children", s.children()))
                .append("incident", new Document("occurredAt", i.occurredAt() == null ? null : Date.from(i.occurredAt()))
                        .append("location", i.location())
                        .append("relationship", i.relationship())
                        .append("narrative", i.narrative()))
                .append("screen", new Document("version", screen.version())
                        .append("answers", new Document(new LinkedHashMap<>(answers)))
                        .append("officerBelievesHighDanger", screen.officerBelievesHighDanger())
                        .append("hotlineContacted", screen.hotlineContacted())
                        .append("victimSpokeWithHotline", screen.victimSpokeWithHotline()))
                .append("result", new Document("dangerLevel", intake.result().dangerLevel().name())
                        .append("screenReason", intake.result().screenReason().name())
                        .append("screenCompleted", intake.result().screenCompleted()))
                .append("needs", intake.needs())
                .append("status", intake.status().name())
                .append("caseId", intake.caseId())
                .append("agencyId", intake.agencyId())
                .append("assignedAdvocate", intake.assignedAdvocate());
    }

    static Intake fromDocument(Document doc) {
        Document s = doc.get("survivor", Document.class);
        Document i = doc.get("incident", Document.class);
        Document screen = doc.get("screen", Document.class);
        Document result = doc.get("result", Document.class);
        Map<String, Answer> answers = new LinkedHashMap<>();
        screen.get("answers", Document.class).forEach((key, value) -> answers.put(key, Answer.valueOf((String) value)));
        String dateOfBirth = s.getString("dateOfBirth");
        Date occurredAt = i.getDate("occurredAt");
        return new Intake(doc.getString("_id"), doc.getString("departmentId"), doc.getString("officerId"),
                doc.getDate("submittedAt").toInstant(),
                new Survivor(s.getString("firstName"), s.getString("lastName"),
                        dateOfBirth == null ? null : LocalDate.parse(dateOfBirth), s.getString("phone"),
                        s.getBoolean("safeToCall"), s.getString("address"), s.getString("preferredLanguage"),
                        s.getInteger("children", 0)),
                new Incident(occurredAt == null ? null : occurredAt.toInstant(), i.getString("location"),
                        i.getString("relationship"), i.getString("narrative")),
                new Screen(screen.getString("version"), answers, screen.getBoolean("officerBelievesHighDanger"),
                        screen.getBoolean("hotlineContacted"), screen.getBoolean("victimSpokeWithHotline")),
                new ScreenResult(DangerLevel.valueOf(result.getString("dangerLevel")),
                        ScreenReason.valueOf(result.getString("screenReason")), result.getBoolean("screenCompleted")),
                doc.getList("needs", String.class, List.of()),
                IntakeStatus.valueOf(doc.getString("status")),
                doc.getString("caseId"), doc.getString("agencyId"), doc.getString("assignedAdvocate"));
    }
}
