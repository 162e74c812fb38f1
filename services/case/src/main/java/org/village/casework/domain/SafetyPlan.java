package org.village.casework.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The survivor's safety plan. Versioned: an editor sends the version they started from, so an older copy can
 * never overwrite a newer one. Its contents name people and places, so it is stored sealed.
 */
public record SafetyPlan(
        long version,
        List<String> steps,
        List<String> safeContacts,
        @Nullable String notes,
        Instant updatedAt,
        String updatedBy) {

    public SafetyPlan {
        steps = List.copyOf(steps);
        safeContacts = List.copyOf(safeContacts);
    }
}
