package org.village.intake.api;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.ResponseEntity;
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
import org.village.intake.domain.IntakeAccess;
import org.village.intake.domain.InvalidScreenException;
import org.village.intake.domain.LethalityScreen;
import org.village.intake.domain.Screen;
import org.village.intake.domain.Survivor;
import org.village.intake.store.IntakeStore;
import org.village.security.Caller;
import org.village.web.ApiProblem;
import org.village.web.IdempotencyKeys;
import org.village.web.Page;
import org.village.web.PageRequest;

/** Recording intakes and reading them back, each reader seeing what they are entitled to. */
@RestController
@RequestMapping("/api/intakes")
public class IntakeController {

    private final IntakeStore store;
    private final Clock clock;

    public IntakeController(IntakeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @PostMapping
    public ResponseEntity<IntakeViews.Submitted> submit(
            Caller caller,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody SubmitIntakeRequest request) {
        Screen screen = screen(request.lethalityScreen());
        if (!IntakeAccess.maySubmit(caller)) {
            throw ApiProblem.forbidden("Only officers and advocates record intakes");
        }
        String id = IdempotencyKeys.resourceId(caller.userId(), "intake", idempotencyKey);
        var s = request.survivor();
        var i = request.incident();
        Intake intake = Intake.submit(id, caller.org(), caller.userId(), clock.instant(),
                new Survivor(s.firstName(), s.lastName(), s.dateOfBirth(), s.phone(), s.safeToCall(), s.address(),
                        s.preferredLanguage(), s.children() == null ? 0 : s.children()),
                new Incident(i.occurredAt(), i.location(), i.relationship(), i.narrative()),
                screen, request.needs() == null ? List.of() : request.needs());
        Intake stored = store.insert(intake, clock.instant());
        return ResponseEntity.created(URI.create("/api/intakes/" + stored.id())).body(IntakeViews.Submitted.of(stored));
    }

    @GetMapping("/{id}")
    public Object read(Caller caller, @PathVariable String id) {
        Intake intake = store.find(id).orElseThrow(() -> ApiProblem.notFound("Intake " + id));
        return switch (IntakeAccess.view(intake, caller)) {
            case FULL -> IntakeViews.Full.of(intake);
            case SUMMARY -> IntakeViews.Summary.of(intake);
            case NONE -> throw ApiProblem.notFound("Intake " + id);
        };
    }

    @GetMapping
    public Page<IntakeViews.Summary> mine(Caller caller,
                                          @RequestParam(required = false) Boolean mine,
                                          @RequestParam(required = false) Integer limit,
                                          @RequestParam(required = false) String cursor) {
        if (!Boolean.TRUE.equals(mine)) {
            throw ApiProblem.invalid("mine", "must be true: intakes are listed for the user who submitted them");
        }
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(store.submittedBy(caller.userId(), page), Intake::submittedAt, Intake::id,
                IntakeViews.Summary::of);
    }

    private static Screen screen(SubmitIntakeRequest.ScreenBody body) {
        LethalityScreen version = LethalityScreen.version(body.version())
                .orElseThrow(() -> ApiProblem.invalid("lethalityScreen.version",
                        "must be a known screen version (LAP-11)"));
        try {
            Map<String, String> given = Objects.requireNonNullElse(body.answers(), Map.of());
            return new Screen(version.version(), version.answers(given), Boolean.TRUE.equals(body.officerBelievesHighDanger()),
                    Boolean.TRUE.equals(body.hotlineContacted()), Boolean.TRUE.equals(body.victimSpokeWithHotline()));
        } catch (InvalidScreenException e) {
            throw ApiProblem.invalid(e.field(), e.getMessage());
        }
    }
}
