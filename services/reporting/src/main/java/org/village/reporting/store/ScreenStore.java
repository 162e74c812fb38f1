package org.village.reporting.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.village.events.CaseOpened;
import org.village.events.IntakeSubmitted;
import org.village.reporting.domain.Period;
import org.village.reporting.domain.ScreenFact;

/**
 * The screens the reports count, one document per intake, written only from events. Each event sets the fields it
 * knows on the intake's document, creating it when it is the first to arrive, so that events of different topics
 * may come in any order and any number of times and leave the same document.
 */
@Component
public class ScreenStore {

    static final String COLLECTION = "screens";

    private final MongoCollection<Document> screens;

    public ScreenStore(MongoDatabase database) {
        this.screens = database.getCollection(COLLECTION);
        screens.createIndex(Indexes.ascending("submittedAt"));
    }

    /** What intake-service published about a screen. */
    public void submitted(IntakeSubmitted intake) {
        set(
                intake.intakeId(),
                Updates.combine(
                        Updates.set("departmentId", intake.departmentId()),
                        Updates.set("submittedAt", Date.from(intake.submittedAt())),
                        Updates.set("screenReason", intake.screenReason()),
                        // events published before these fields existed: a screen counted as completed, no hotline
                        Updates.set("screenCompleted", !Boolean.FALSE.equals(intake.screenCompleted())),
                        Updates.set("victimSpokeWithHotline", Boolean.TRUE.equals(intake.victimSpokeWithHotline())),
                        Updates.set("householdSize", intake.householdSize()),
                        Updates.set("preferredLanguage", intake.preferredLanguage()),
                        Updates.set("incidentRecency", intake.incidentRecency())));
    }

    /** The advocacy agency the intake's case went to. */
    public void caseOpened(CaseOpened opened) {
        set(opened.intakeId(), Updates.set("agencyId", opened.agencyId()));
    }

    /** The screens submitted in a period, those whose case went to {@code agencyId} only when it is given. */
    public List<ScreenFact> submittedIn(Period period, @Nullable String agencyId) {
        Bson within = Filters.and(
                Filters.gte("submittedAt", Date.from(period.start())),
                Filters.lt("submittedAt", Date.from(period.end())));
        return read(agencyId == null ? within : Filters.and(within, Filters.eq("agencyId", agencyId)));
    }

    /** The screens of these intakes, those that arrived. */
    public List<ScreenFact> of(Collection<String> intakeIds) {
        return intakeIds.isEmpty() ? List.of() : read(Filters.in("_id", intakeIds));
    }

    /** Forgets every screen, before the topics are read again from their beginning. */
    public void clear() {
        screens.deleteMany(new Document());
    }

    private List<ScreenFact> read(Bson filter) {
        List<ScreenFact> found = new ArrayList<>();
        // a case's event may arrive before its intake's: such a document has no screen yet
        screens.find(Filters.and(filter, Filters.exists("submittedAt")))
                .forEach(doc -> found.add(new ScreenFact(
                        doc.getString("_id"),
                        doc.getString("departmentId"),
                        doc.getDate("submittedAt").toInstant(),
                        doc.getString("screenReason"),
                        doc.getBoolean("screenCompleted", true),
                        doc.getBoolean("victimSpokeWithHotline", false),
                        doc.getString("agencyId"),
                        doc.getInteger("householdSize", 1),
                        doc.getString("preferredLanguage"),
                        doc.getString("incidentRecency"))));
        return found;
    }

    private void set(String intakeId, Bson update) {
        ProjectionWrites.upsert(screens, intakeId, update);
    }
}
