package org.village.console;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Who is using the console: their name, organisation and roles, from identity's ID token. */
public record Viewer(String userId, String org, List<String> roles) {

    static Viewer of(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
            List<String> roles = user.getClaimAsStringList("roles");
            return new Viewer(user.getSubject(), user.getClaimAsString("org"), roles == null ? List.of() : roles);
        }
        throw new IllegalStateException("No signed-in user");
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isOfficer() {
        return has("OFFICER");
    }

    public boolean isAdvocate() {
        return has("ADVOCATE");
    }

    public boolean isSupervisor() {
        return has("SUPERVISOR");
    }

    public boolean isShelter() {
        return has("SHELTER_STAFF");
    }

    public boolean isAdmin() {
        return has("ADMIN");
    }

    /** Advocates work their caseload; supervisors the agency's. */
    public boolean worksCases() {
        return isAdvocate() || isSupervisor();
    }

    /** Officers, advocates and supervisors have follow-ups of their own. */
    public boolean hasTasks() {
        return has("OFFICER") || has("ADVOCATE") || has("SUPERVISOR");
    }

    /** Officers record intakes at the scene; advocates record walk-ins and hotline calls. */
    public boolean recordsIntakes() {
        return has("OFFICER") || has("ADVOCATE");
    }
}
