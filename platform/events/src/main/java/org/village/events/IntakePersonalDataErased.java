package org.village.events;

import static org.village.events.Require.present;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A supervisor erased a survivor's personal data: every sealed copy of it is now unreadable. */
public record IntakePersonalDataErased(
        String intakeId, @Nullable String caseId, Instant erasedAt) implements IntakeEvent {

    public IntakePersonalDataErased {
        present(intakeId, "intakeId");
        present(erasedAt, "erasedAt");
    }

    /** Keyed by the case once there is one, so that it keeps its place among the case's events. */
    @Override
    public String partitionKey() {
        return caseId == null ? intakeId : caseId;
    }

    @Override
    public String subject() {
        return intakeId;
    }
}
