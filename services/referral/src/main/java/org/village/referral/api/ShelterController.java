package org.village.referral.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.village.referral.domain.BedLedger;
import org.village.referral.domain.Shelter;
import org.village.referral.store.ShelterStore;
import org.village.security.Caller;
import org.village.security.Role;
import org.village.web.ApiProblem;
import org.village.web.Page;

/** The shelter registry as referrers see it: beds and fit, never where a shelter is. */
@RestController
public class ShelterController {

    private final ShelterStore store;
    private final Clock clock;

    public ShelterController(ShelterStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A shelter without its address. */
    record ShelterView(
            String shelterId,
            String name,
            int totalBeds,
            int occupiedBeds,
            int heldBeds,
            int availableBeds,
            boolean acceptsChildren,
            List<String> languages) {
        static ShelterView of(Shelter s) {
            return new ShelterView(
                    s.shelterId(),
                    s.name(),
                    s.totalBeds(),
                    s.occupiedBeds(),
                    s.heldBeds(),
                    s.availableBeds(),
                    s.acceptsChildren(),
                    s.languages());
        }
    }

    /** A recount by the shelter's staff. */
    record Beds(
            @NotNull @Min(0) @Max(10_000) Integer total,
            @NotNull @Min(0) @Max(10_000) Integer occupied) {}

    /** The shelter's beds as its staff keep them. */
    record Availability(String shelterId, int totalBeds, int occupiedBeds, int heldBeds, int availableBeds) {
        static Availability of(Shelter s) {
            return new Availability(s.shelterId(), s.totalBeds(), s.occupiedBeds(), s.heldBeds(), s.availableBeds());
        }
    }

    /** D4: a shelter's staff keep its bed counts current; a recount never drops the beds held for referrals. */
    @PutMapping("/api/shelters/{shelterId}/beds")
    public Availability recount(Caller caller, @PathVariable String shelterId, @Valid @RequestBody Beds beds) {
        if (store.find(shelterId).isEmpty()) {
            throw ApiProblem.notFound("Shelter " + shelterId);
        }
        if (!caller.has(Role.SHELTER_STAFF) || !caller.org().equals(shelterId)) {
            throw ApiProblem.forbidden("Only the shelter's own staff change its bed counts");
        }
        try {
            return Availability.of(store.recount(shelterId, beds.total(), beds.occupied(), clock.instant()));
        } catch (BedLedger.NotEnoughBeds e) {
            throw ApiProblem.conflict(e.getMessage());
        }
    }

    /** The registry for advocates and supervisors; a shelter's staff see their own shelter, holds included. */
    @GetMapping("/api/shelters")
    public Page<ShelterView> shelters(Caller caller) {
        if (caller.has(Role.SHELTER_STAFF)) {
            return new Page<>(
                    store.all().stream()
                            .filter(s -> s.shelterId().equals(caller.org()))
                            .map(ShelterView::of)
                            .toList(),
                    null);
        }
        if (!caller.hasAny(Role.ADVOCATE, Role.SUPERVISOR)) {
            throw ApiProblem.forbidden("The shelter registry is for advocates and supervisors");
        }
        return new Page<>(store.all().stream().map(ShelterView::of).toList(), null);
    }
}
