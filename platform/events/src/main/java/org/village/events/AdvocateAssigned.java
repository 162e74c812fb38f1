package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A case got an advocate; {@code previousAdvocateId} is null on the first assignment. */
public record AdvocateAssigned(
        String caseId, String advocateId, @Nullable String previousAdvocateId, Instant assignedAt)
        implements CaseEvent {

    public AdvocateAssigned {
        present(caseId, "caseId");
        present(advocateId, "advocateId");
        present(assignedAt, "assignedAt");
    }

    @Override
    public String subject() {
        return caseId;
    }
}
