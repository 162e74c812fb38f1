package org.village.referral.api;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
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

    public ShelterController(ShelterStore store) {
        this.store = store;
    }

    /** A shelter without its address. */
    record ShelterView(String shelterId, String name, int totalBeds, int occupiedBeds, int heldBeds,
                       int availableBeds, boolean acceptsChildren, List<String> languages) {
        static ShelterView of(Shelter s) {
            return new ShelterView(s.shelterId(), s.name(), s.totalBeds(), s.occupiedBeds(), s.heldBeds(),
                    s.availableBeds(), s.acceptsChildren(), s.languages());
        }
    }

    @GetMapping("/api/shelters")
    public Page<ShelterView> shelters(Caller caller) {
        if (!caller.hasAny(Role.ADVOCATE, Role.SUPERVISOR)) {
            throw ApiProblem.forbidden("The shelter registry is for advocates and supervisors");
        }
        return new Page<>(store.all().stream().map(ShelterView::of).toList(), null);
    }
}
