package org.village.casework.domain;

import java.util.List;
import java.util.Optional;

/** The advocates and supervisors of one advocacy agency (docs/DOMAIN.md, demo data): who may work its cases. */
public record AgencyStaff(String agencyId, List<String> advocates, List<String> supervisors) {

    public AgencyStaff {
        advocates = List.copyOf(advocates);
        supervisors = List.copyOf(supervisors);
    }

    /** The role someone has on a case of this agency: its officer, or one of the agency's advocates or supervisors. */
    public Optional<String> roleOn(CaseFile file, String user) {
        if (user.equals(file.officerId())) {
            return Optional.of("OFFICER");
        }
        if (advocates.contains(user)) {
            return Optional.of("ADVOCATE");
        }
        if (supervisors.contains(user)) {
            return Optional.of("SUPERVISOR");
        }
        return Optional.empty();
    }

    /** A case of the agency is only ever given to one of its own advocates. */
    public void requireAdvocate(String advocate) {
        if (!advocates.contains(advocate)) {
            throw CaseRuleViolation.invalid("advocate", "{not-advocate-of}", agencyId);
        }
    }
}
