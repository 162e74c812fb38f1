package org.village.intake.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;
import org.village.events.DangerLevel;
import org.village.intake.domain.Answer;
import org.village.intake.domain.Incident;
import org.village.intake.domain.Intake;
import org.village.intake.domain.IntakeStatus;
import org.village.intake.domain.PersonalData;
import org.village.intake.domain.Screen;
import org.village.intake.domain.ScreenReason;
import org.village.intake.domain.ScreenResult;
import org.village.intake.domain.Survivor;
import org.village.messaging.AppliedEvents;
import org.village.messaging.OutboxRelay;
import org.village.messaging.store.KeysetPaging;
import org.village.messaging.store.OutboxDocuments;
import org.village.security.sealing.KeyVault;
import org.village.security.sealing.Sealing;
import org.village.security.sealing.SubjectCipher;
import org.village.security.sealing.SubjectKeyStore;
import org.village.web.PageRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@value #COLLECTION} collection, one document per intake with its pending events in its outbox, and the
 * survivors' data keys in {@value #KEYS}. The survivor's personal data is stored only sealed under the
 * intake's own key, with the intake id and the field bound as associated data.
 */
@Component
public class IntakeStore {

    public static final String COLLECTION = "intakes";
    public static final String KEYS = "survivor_keys";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboxDocuments documents;
    private final MongoCollection<Document> intakes;
    private final SubjectKeyStore keys;

    public IntakeStore(MongoDatabase database, KeyVault vault, Sealing sealing, OutboxRelay relay) {
        this.documents = new OutboxDocuments(database.getCollection(COLLECTION), relay);
        this.intakes = documents.collection();
        this.keys = new SubjectKeyStore(vault, database, KEYS, sealing);
        KeysetPaging.createIndex(intakes, "submittedAt", "officerId");
        intakes.createIndex(Indexes.ascending("caseId"));
    }

    /**
     * Stores a new intake, its sealed personal data and its {@code IntakeSubmitted} event in one write. Returns
     * the intake stored under that id: the new one, or the one an earlier request with the same key created.
     */
    public Intake insert(Intake intake, PersonalData personal, Instant now) {
        SubjectCipher cipher = keys.createOrGet(intake.id());
        Document document = toDocument(intake)
                .append(
                        "sealed",
                        new Document()
                                .append(
                                        "survivor",
                                        new Binary(cipher.seal(
                                                JSON.writeValueAsString(personal.survivor()),
                                                intake.id() + "/survivor")))
                                .append(
                                        "incident",
                                        new Binary(cipher.seal(
                                                JSON.writeValueAsString(new SealedIncident(
                                                        personal.incidentLocation(), personal.incidentNarrative())),
                                                intake.id() + "/incident"))));
        if (!documents.insert(document, now, List.of(intake.submitted()))) {
            return find(intake.id()).orElseThrow();
        }
        return intake;
    }

    /** The intake without its personal data. */
    public Optional<Intake> find(String id) {
        return Optional.ofNullable(intakes.find(Filters.eq("_id", id))
                        .projection(new Document("sealed", 0))
                        .first())
                .map(IntakeStore::fromDocument);
    }

    /** The survivor's personal data, opened; empty once it was erased. */
    public Optional<PersonalData> personalData(String intakeId) {
        Document doc = intakes.find(Filters.eq("_id", intakeId)).first();
        if (doc == null || doc.getBoolean("erased", false) || doc.get("sealed") == null) {
            return Optional.empty();
        }
        return keys.find(intakeId).map(cipher -> {
            Document sealed = doc.get("sealed", Document.class);
            Survivor survivor = JSON.readValue(
                    cipher.open(sealed.get("survivor", Binary.class).getData(), intakeId + "/survivor"),
                    Survivor.class);
            SealedIncident incident = JSON.readValue(
                    cipher.open(sealed.get("incident", Binary.class).getData(), intakeId + "/incident"),
                    SealedIncident.class);
            return new PersonalData(survivor, incident.location(), incident.narrative());
        });
    }

    /**
     * D6 crypto-shredding: marks the intake erased, drops its sealed fields and records the event in one write,
     * then destroys the survivor's key. Repeating it is harmless.
     */
    public void erasePersonalData(Intake intake, Instant now) {
        documents.update(
                intake.id(),
                Filters.ne("erased", true),
                Updates.combine(
                        Updates.set("erased", true), Updates.set("erasedAt", Date.from(now)), Updates.unset("sealed")),
                now,
                List.of(intake.personalDataErased(now)));
        keys.destroy(intake.id());
    }

    /** The intakes a user submitted, newest first. */
    public List<Intake> submittedBy(String officerId, PageRequest page) {
        List<Intake> found = new ArrayList<>();
        KeysetPaging.page(
                        intakes,
                        Filters.eq("officerId", officerId),
                        "submittedAt",
                        page.beforeTime(),
                        page.beforeId(),
                        page.limit())
                .projection(new Document("sealed", 0))
                .forEach(doc -> found.add(fromDocument(doc)));
        return found;
    }

    /** Records the case opened for an intake, once per event. */
    public boolean caseOpened(String intakeId, String caseId, String agencyId, String eventId) {
        boolean applied = documents.update(
                intakeId,
                AppliedEvents.notYetApplied(eventId),
                Updates.combine(
                        Updates.set("caseId", caseId),
                        Updates.set("agencyId", agencyId),
                        Updates.set("status", IntakeStatus.CASE_OPENED.name()),
                        AppliedEvents.markApplied(eventId)));
        return applied || intakes.countDocuments(Filters.eq("_id", intakeId)) > 0;
    }

    /** Records who works the case of an intake, once per event; false when no intake knows the case yet. */
    public boolean advocateAssigned(String caseId, String advocateId, String eventId) {
        // one write found by the case (an index): the usual answer needs no read first
        boolean applied = documents.updateFound(
                Filters.and(Filters.eq("caseId", caseId), AppliedEvents.notYetApplied(eventId)),
                Updates.combine(Updates.set("assignedAdvocate", advocateId), AppliedEvents.markApplied(eventId)));
        return applied || intakes.countDocuments(Filters.eq("caseId", caseId)) > 0;
    }

    /** The sealed part of the incident. */
    private record SealedIncident(String location, String narrative) {}

    static Document toDocument(Intake intake) {
        Screen screen = intake.screen();
        Map<String, Object> answers = new LinkedHashMap<>();
        screen.answers().forEach((key, answer) -> answers.put(key, answer.name()));
        Incident incident = intake.incident();
        return new Document("_id", intake.id())
                .append("departmentId", intake.departmentId())
                .append("officerId", intake.officerId())
                .append("submittedAt", Date.from(intake.submittedAt()))
                .append(
                        "incident",
                        new Document(
                                        "occurredAt",
                                        incident.occurredAt() == null ? null : Date.from(incident.occurredAt()))
                                .append("relationship", incident.relationship()))
                .append(
                        "screen",
                        new Document("version", screen.version())
                                .append("answers", new Document(answers))
                                .append("officerBelievesHighDanger", screen.officerBelievesHighDanger())
                                .append("hotlineContacted", screen.hotlineContacted())
                                .append("victimSpokeWithHotline", screen.victimSpokeWithHotline()))
                .append(
                        "result",
                        new Document(
                                        "dangerLevel",
                                        intake.result().dangerLevel().name())
                                .append(
                                        "screenReason",
                                        intake.result().screenReason().name())
                                .append("screenCompleted", intake.result().screenCompleted()))
                .append("needs", intake.needs())
                .append("preferredLanguage", intake.preferredLanguage())
                .append("householdSize", intake.householdSize())
                .append("status", intake.status().name())
                .append("caseId", intake.caseId())
                .append("agencyId", intake.agencyId())
                .append("assignedAdvocate", intake.assignedAdvocate())
                .append("erased", intake.erased());
    }

    static Intake fromDocument(Document doc) {
        Document incident = doc.get("incident", Document.class);
        Document screen = doc.get("screen", Document.class);
        Document result = doc.get("result", Document.class);
        Map<String, Answer> answers = new LinkedHashMap<>();
        screen.get("answers", Document.class).forEach((key, value) -> answers.put(key, Answer.valueOf((String) value)));
        Date occurredAt = incident.getDate("occurredAt");
        return new Intake(
                doc.getString("_id"),
                doc.getString("departmentId"),
                doc.getString("officerId"),
                doc.getDate("submittedAt").toInstant(),
                new Incident(occurredAt == null ? null : occurredAt.toInstant(), incident.getString("relationship")),
                new Screen(
                        screen.getString("version"),
                        answers,
                        screen.getBoolean("officerBelievesHighDanger"),
                        screen.getBoolean("hotlineContacted"),
                        screen.getBoolean("victimSpokeWithHotline")),
                new ScreenResult(
                        DangerLevel.valueOf(result.getString("dangerLevel")),
                        ScreenReason.valueOf(result.getString("screenReason")),
                        result.getBoolean("screenCompleted")),
                doc.getList("needs", String.class, List.of()),
                doc.getString("preferredLanguage"),
                doc.getInteger("householdSize", 1),
                IntakeStatus.valueOf(doc.getString("status")),
                doc.getString("caseId"),
                doc.getString("agencyId"),
                doc.getString("assignedAdvocate"),
                doc.getBoolean("erased", false));
    }
}
