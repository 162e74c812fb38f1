package org.village.reporting.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One referral to a shelter: the case and shelter, when it was sent and by when the shelter had to answer, and
 * how it ended (ACCEPTED, DECLINED with a reason, EXPIRED, REVOKED, or none yet) and when the shelter answered.
 */
public record ReferralFact(
        String referralId,
        String caseId,
        String shelterId,
        Instant requestedAt,
        Instant respondBy,
        @Nullable String outcome,
        @Nullable String reasonCode,
        @Nullable Instant answeredAt) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String DECLINED = "DECLINED";
    public static final String EXPIRED = "EXPIRED";
    public static final String REVOKED = "REVOKED";

    public boolean answered() {
        return answeredAt != null;
    }

    public boolean answeredInTime() {
        return answeredAt != null && !answeredAt.isAfter(respondBy);
    }
}
