package org.village.intake.api;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.village.intake.domain.Incident;
import org.village.intake.domain.Intake;
import org.village.intake.domain.InvalidScreenException;
import org.village.intake.domain.LethalityScreen;
import org.village.intake.domain.PersonalData;
import org.village.intake.domain.Screen;
import org.village.intake.domain.ScreenResult;
import org.village.intake.domain.Survivor;
import org.village.intake.store.IntakeStore;
import org.village.security.Caller;
import org.village.security.audit.AuditEntry.Outcome;
import org.village.security.audit.AuditTrail;
import org.village.web.ApiProblem;
import org.village.web.IdempotencyKeys;
import org.village.web.Page;
import org.village.web.PageRequest;

/**
 * Recording intakes and reading them back, each reader seeing what they are entitled to. Every access to an
 * intake, allowed or not, is written to the audit trail.
 */
@RestController
@RequestMapping("/api/intakes")
public class IntakeController {

    private static final String RESOURCE = "intake";

    private final IntakeStore store;
    private final AuditTrail audit;
    private final Clock clock;

    public IntakeController(IntakeStore store, AuditTrail audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping
    public ResponseEntity<IntakeViews.Submitted> submit(
            Caller caller,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody SubmitIntakeRequest request) {
        Screen screen = screen(request.lethalityScreen());
        if (!IntakeAccess.maySubmit(caller)) {
            audit.record(caller, "SUBMIT", RESOURCE, "-", null, Outcome.DENIED);
            throw ApiProblem.forbidden("Only officers and advocates record intakes");
        }
        String id = IdempotencyKeys.resourceId(caller.userId(), "intake", idempotencyKey);
        var s = request.survivor();
        var i = request.incident();
        PersonalData personal = new PersonalData(
                new Survivor(
                        s.firstName(),
                        s.lastName(),
                        s.dateOfBirth(),
                        s.phone(),
                        s.safeToCall(),
                        s.address(),
                        s.preferredLanguage(),
                        s.children() == null ? 0 : s.children()),
                i.location(),
                i.narrative());
        Intake intake = Intake.submit(
                id,
                caller.org(),
                caller.userId(),
                clock.instant(),
                personal,
                new Incident(i.occurredAt(), i.relationship()),
                screen,
                request.needs() == null ? List.of() : request.needs());
        Intake stored = store.insert(intake, personal, clock.instant());
        audit.record(caller, "SUBMIT", RESOURCE, stored.id(), stored.agencyId(), Outcome.ALLOWED);
        return ResponseEntity.created(URI.create("/api/intakes/" + stored.id())).body(IntakeViews.Submitted.of(stored));
    }

    @GetMapping("/{id}")
    public Object read(Caller caller, @PathVariable String id) {
        Intake intake = visible(caller, id, "READ");
        return switch (IntakeAccess.view(intake, caller)) {
            case FULL -> {
                Optional<PersonalData> personal = store.personalData(id);
                audit.record(caller, "READ_PERSONAL_DATA", RESOURCE, id, intake.agencyId(), Outcome.ALLOWED);
                yield IntakeViews.Full.of(intake, personal);
            }
            case SUMMARY -> {
                audit.record(caller, "READ_SUMMARY", RESOURCE, id, intake.agencyId(), Outcome.ALLOWED);
                yield IntakeViews.Summary.of(intake);
            }
            case NONE -> throw new IllegalStateException("visible() lets no one through who sees nothing");
        };
    }

    /** D6: crypto-shreds the survivor's personal data; the intake keeps its non-identifying facts. */
    @DeleteMapping("/{id}/personal-data")
    public ResponseEntity<Void> erase(Caller caller, @PathVariable String id) {
        Intake intake = visible(caller, id, "ERASE_PERSONAL_DATA");
        if (!IntakeAccess.mayErase(intake, caller)) {
            audit.record(caller, "ERASE_PERSONAL_DATA", RESOURCE, id, intake.agencyId(), Outcome.DENIED);
            throw ApiProblem.forbidden("Only a supervisor of the responsible agency erases personal data");
        }
        store.erasePersonalData(intake, clock.instant());
        audit.record(caller, "ERASE_PERSONAL_DATA", RESOURCE, id, intake.agencyId(), Outcome.ALLOWED);
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    public Page<IntakeViews.Summary> mine(
            Caller caller,
            @RequestParam(required = false) Boolean mine,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        if (!Boolean.TRUE.equals(mine)) {
            throw ApiProblem.invalid("mine", "{mine-intakes}");
        }
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(
                store.submittedBy(caller.userId(), page), Intake::submittedAt, Intake::id, IntakeViews.Summary::of);
    }

    /** The intake, when the caller may see any of it; otherwise a 404, and the attempt is audited. */
    private Intake visible(Caller caller, String id, String action) {
        Optional<Intake> intake = store.find(id);
        if (intake.isEmpty() || IntakeAccess.view(intake.get(), caller) == IntakeAccess.View.NONE) {
            audit.record(
                    caller, action, RESOURCE, id, intake.map(Intake::agencyId).orElse(null), Outcome.DENIED);
            throw ApiProblem.notFound("Intake " + id);
        }
        return intake.get();
    }

    /**
     * Scores a lethality screen as it is being answered, storing nothing: what the intake would be given, so
     * the console shows the result while the officer asks the questions. For those who record intakes.
     */
    @PostMapping("/screen-preview")
    public IntakeViews.Scored preview(Caller caller, @Valid @RequestBody SubmitIntakeRequest.ScreenBody body) {
        if (!IntakeAccess.maySubmit(caller)) {
            throw ApiProblem.forbidden("Only officers and advocates record intakes");
        }
        Screen screen = screen(body);
        ScreenResult result = LethalityScreen.version(screen.version())
                .orElseThrow()
                .score(screen.answers(), screen.officerBelievesHighDanger());
        return new IntakeViews.Scored(
                result.dangerLevel().name(),
                result.screenedIn(),
                result.screenReason().name(),
                result.screenCompleted());
    }

    private static Screen screen(SubmitIntakeRequest.ScreenBody body) {
        LethalityScreen version = LethalityScreen.version(body.version())
                .orElseThrow(() -> ApiProblem.invalid("lethalityScreen.version", "{screen-version}"));
        try {
            Map<String, String> given = Objects.requireNonNullElse(body.answers(), Map.of());
            return new Screen(
                    version.version(),
                    version.answers(given),
                    Boolean.TRUE.equals(body.officerBelievesHighDanger()),
                    Boolean.TRUE.equals(body.hotlineContacted()),
                    Boolean.TRUE.equals(body.victimSpokeWithHotline()));
        } catch (InvalidScreenException e) {
            throw ApiProblem.invalid(e.field(), e.getMessage(), e.args());
        }
    }
}
