package org.village.referral.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.village.events.ProblemTypes;
import org.village.events.Vocabulary;
import org.village.referral.Referrals;
import org.village.referral.domain.Household;
import org.village.referral.domain.IllegalTransition;
import org.village.referral.domain.Referral;
import org.village.referral.store.CaseRefStore;
import org.village.referral.store.ReferralStore;
import org.village.security.Caller;
import org.village.security.Role;
import org.village.security.audit.AuditEntry.Outcome;
import org.village.security.audit.AuditTrail;
import org.village.web.ApiProblem;
import org.village.web.IdempotencyKeys;
import org.village.web.Page;
import org.village.web.PageRequest;

/**
 * Referrals between the assigned advocate and a shelter's staff (D3, D4). Officers learn nothing here; shelters
 * see only referrals to them, and the shared details only while the survivor's consent is valid.
 */
@RestController
public class ReferralController {

    private static final Set<String> DETAILS = Set.copyOf(Vocabulary.SHARED_DETAILS);
    private static final Set<String> DECLINE_REASONS = Set.copyOf(Vocabulary.DECLINE_REASONS);

    private final Referrals desk;
    private final ReferralStore store;
    private final CaseRefStore cases;
    private final AuditTrail audit;
    private final Clock clock;

    public ReferralController(Referrals desk, ReferralStore store, CaseRefStore cases, AuditTrail audit, Clock clock) {
        this.desk = desk;
        this.store = store;
        this.cases = cases;
        this.audit = audit;
        this.clock = clock;
    }

    /** The body of POST /api/referrals. */
    record NewReferral(
            @NotBlank String caseId,
            @NotBlank String shelterId,
            @NotNull @Valid HouseholdBody household,
            @Size(max = 20) List<@NotNull @Pattern(regexp = "[A-Z][A-Z_]{1,39}") String> needs,
            @Size(max = 9) Map<String, @NotNull @Size(max = 500) String> sharedDetails) {}

    record HouseholdBody(
            @NotNull @Min(1) @Max(20) Integer adults,
            @NotNull @Min(0) @Max(20) Integer children) {}

    record Decline(
            @NotBlank String reason, @Size(max = 2000) String note) {}

    /** A referral as its reader may see it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReferralView(
            String referralId,
            String caseId,
            String shelterId,
            String advocate,
            String status,
            int bedsHeld,
            Map<String, Integer> household,
            List<String> needs,
            @Nullable String dangerLevel,
            Instant createdAt,
            Instant respondBy,
            @Nullable String reasonCode,
            @Nullable String note,
            @Nullable Map<String, String> sharedDetails,
            @Nullable Boolean detailsWithheld) {}

    @PostMapping("/api/referrals")
    public ResponseEntity<ReferralView> request(
            Caller caller,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String key,
            @Valid @RequestBody NewReferral body) {
        Map<String, String> shared = body.sharedDetails() == null ? Map.of() : body.sharedDetails();
        for (String detail : shared.keySet()) {
            if (!DETAILS.contains(detail)) {
                throw ApiProblem.invalid("sharedDetails." + detail, "{detail-not-shareable}");
            }
        }
        Optional<CaseRefStore.CaseRef> caseRef = cases.caseRef(body.caseId());
        if (caseRef.isEmpty() && caller.has(Role.ADVOCATE)) {
            // a case is known here from case-service's events: a new one may still be on its way
            audit.record(caller, "REFER", "case", body.caseId(), null, Outcome.DENIED);
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemTypes.UNAVAILABLE,
                    "This case has not reached referrals yet (a new case takes a moment to arrive); nothing was "
                            + "changed. Try again shortly.");
        }
        if (caseRef.isEmpty()
                || caseRef.get().closed()
                || !caller.has(Role.ADVOCATE)
                || !caller.userId().equals(caseRef.get().advocate())) {
            audit.record(
                    caller,
                    "REFER",
                    "case",
                    body.caseId(),
                    caseRef.map(CaseRefStore.CaseRef::agencyId).orElse(null),
                    Outcome.DENIED);
            throw ApiProblem.forbidden("Only the case's assigned advocate refers an open case");
        }
        String referralId = IdempotencyKeys.resourceId(caller.userId(), "referral", key);
        Referral referral;
        try {
            referral = desk.request(
                    referralId,
                    body.caseId(),
                    body.shelterId(),
                    caller.userId(),
                    new Household(body.household().adults(), body.household().children()),
                    body.needs() == null ? List.of() : body.needs(),
                    shared,
                    caseRef.get());
        } catch (Referrals.Refused refused) {
            throw switch (refused.reason()) {
                case UNKNOWN_SHELTER -> ApiProblem.invalid("shelterId", "{shelter-unknown}");
                case NOT_ELIGIBLE ->
                    new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.NOT_ELIGIBLE, refused.getMessage());
                case CONSENT_REQUIRED ->
                    new ApiProblem(
                            HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.CONSENT_REQUIRED, refused.getMessage());
                case DUPLICATE -> ApiProblem.conflict(refused.getMessage());
                case NO_BEDS -> new ApiProblem(HttpStatus.CONFLICT, ProblemTypes.NO_BEDS, refused.getMessage());
            };
        }
        audit.record(caller, "REFER", "referral", referralId, caseRef.get().agencyId(), Outcome.ALLOWED);
        return ResponseEntity.created(URI.create("/api/referrals/" + referralId))
                .body(forAdvocate(referral));
    }

    @GetMapping("/api/referrals")
    public Page<ReferralView> list(
            Caller caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        List<Referral> found;
        if (caller.has(Role.SHELTER_STAFF)) {
            found = store.listForShelter(caller.org(), page);
        } else if (caller.has(Role.SUPERVISOR)) {
            found = store.listForAgency(caller.org(), page);
        } else if (caller.has(Role.ADVOCATE)) {
            found = store.listOfCases(cases.casesWorkedBy(caller.userId()), page);
        } else {
            throw ApiProblem.forbidden("Referrals are for the shelters that receive them and the advocacy agencies "
                    + "whose cases they are");
        }
        return page.page(found, Referral::createdAt, Referral::referralId, this::withoutDetails);
    }

    @GetMapping("/api/referrals/{referralId}")
    public ReferralView read(Caller caller, @PathVariable String referralId) {
        Referral referral = visible(caller, referralId, "READ");
        boolean shelterSide = isStaffOf(caller, referral);
        audit.record(caller, "READ", "referral", referralId, agencyOf(referral), Outcome.ALLOWED);
        return shelterSide ? forShelter(referral) : forAdvocate(referral);
    }

    @PostMapping("/api/referrals/{referralId}/accept")
    public ReferralView accept(Caller caller, @PathVariable String referralId) {
        return shelterChange(caller, referralId, "ACCEPT", r -> r.accept(clock.instant()));
    }

    @PostMapping("/api/referrals/{referralId}/decline")
    public ReferralView decline(Caller caller, @PathVariable String referralId, @Valid @RequestBody Decline body) {
        if (!DECLINE_REASONS.contains(body.reason())) {
            throw ApiProblem.invalid("reason", "{one-of}", Vocabulary.DECLINE_REASONS);
        }
        return shelterChange(
                caller, referralId, "DECLINE", r -> r.decline(body.reason(), body.note(), clock.instant()));
    }

    @PostMapping("/api/referrals/{referralId}/complete")
    public ReferralView complete(Caller caller, @PathVariable String referralId) {
        return shelterChange(caller, referralId, "COMPLETE", r -> r.complete(clock.instant()));
    }

    @PostMapping("/api/referrals/{referralId}/revoke")
    public ReferralView revoke(Caller caller, @PathVariable String referralId) {
        Referral referral = visible(caller, referralId, "REVOKE");
        if (!worksCaseOf(caller, referral)) {
            audit.record(caller, "REVOKE", "referral", referralId, agencyOf(referral), Outcome.DENIED);
            throw ApiProblem.forbidden("Only the advocate who works the case revokes its referral");
        }
        return forAdvocate(transition(caller, referral, "REVOKE", r -> r.revoke("ADVOCATE_REVOKED", clock.instant())));
    }

    private ReferralView shelterChange(
            Caller caller, String referralId, String action, Function<Referral, Referral.Transition> command) {
        Referral referral = visible(caller, referralId, action);
        if (!isStaffOf(caller, referral)) {
            audit.record(caller, action, "referral", referralId, agencyOf(referral), Outcome.DENIED);
            throw ApiProblem.forbidden("Only the shelter's staff answer a referral");
        }
        return forShelter(transition(caller, referral, action, command));
    }

    private Referral transition(
            Caller caller, Referral referral, String action, Function<Referral, Referral.Transition> command) {
        try {
            Referral after = desk.change(referral.referralId(), command);
            audit.record(caller, action, "referral", referral.referralId(), agencyOf(referral), Outcome.ALLOWED);
            return after;
        } catch (IllegalTransition e) {
            throw ApiProblem.conflict(e.getMessage());
        }
    }

    /**
     * The referral, when the caller is its shelter's staff, the advocate who works its case now or a supervisor of
     * the case's agency; otherwise 404, audited. Access follows the case, so it moves at once on reassignment.
     */
    private Referral visible(Caller caller, String referralId, String action) {
        Optional<Referral> referral = store.find(referralId, false);
        if (referral.isEmpty()
                || !(isStaffOf(caller, referral.get())
                        || worksCaseOf(caller, referral.get())
                        || supervisesCaseOf(caller, referral.get()))) {
            audit.record(
                    caller,
                    action,
                    "referral",
                    referralId,
                    referral.map(this::agencyOf).orElse(null),
                    Outcome.DENIED);
            throw ApiProblem.notFound("Referral " + referralId);
        }
        return referral.get();
    }

    private boolean worksCaseOf(Caller caller, Referral referral) {
        return caller.has(Role.ADVOCATE)
                && cases.caseRef(referral.caseId())
                        .map(ref -> caller.userId().equals(ref.advocate()))
                        .orElse(false);
    }

    private boolean supervisesCaseOf(Caller caller, Referral referral) {
        return caller.has(Role.SUPERVISOR) && caller.org().equals(agencyOf(referral));
    }

    private static boolean isStaffOf(Caller caller, Referral referral) {
        return caller.has(Role.SHELTER_STAFF) && caller.org().equals(referral.shelterId());
    }

    private @Nullable String agencyOf(Referral referral) {
        return cases.caseRef(referral.caseId())
                .map(CaseRefStore.CaseRef::agencyId)
                .orElse(null);
    }

    private ReferralView view(Referral r, @Nullable Map<String, String> details, @Nullable Boolean withheld) {
        return new ReferralView(
                r.referralId(),
                r.caseId(),
                r.shelterId(),
                r.advocateId(),
                r.status().name(),
                r.household().beds(),
                Map.of(
                        "adults",
                        r.household().adults(),
                        "children",
                        r.household().children()),
                r.needs(),
                r.dangerLevel() == null ? null : r.dangerLevel().name(),
                r.createdAt(),
                r.respondBy(),
                r.reasonCode(),
                r.note(),
                details,
                withheld);
    }

    private ReferralView forAdvocate(Referral r) {
        return view(r, store.sharedDetails(r.referralId()).orElse(null), null);
    }

    /** Lists never carry shared details: a reader opens the one referral they need. */
    private ReferralView withoutDetails(Referral r) {
        return view(r, null, null);
    }

    private ReferralView forShelter(Referral r) {
        Optional<Map<String, String>> details = desk.detailsForShelter(r);
        return view(
                r, details.orElse(null), (details.isEmpty() && !r.sharedScope().isEmpty()) ? Boolean.TRUE : null);
    }
}
