package org.village.casework.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.village.events.Vocabulary;

/**
 * D3: the survivor's consent to share the listed details with one named recipient, given in writing or by
 * electronic signature, for at most 90 days. Revocation, even oral, ends it at once.
 */
public record Consent(
        String consentId,
        String recipientType,
        String recipientId,
        List<String> scope,
        String form,
        Instant givenAt,
        Instant expiresAt,
        @Nullable Instant revokedAt) {

    public static final Set<String> SCOPES = Set.copyOf(Vocabulary.SHARED_DETAILS);
    public static final Set<String> FORMS = Set.of("WRITTEN", "ELECTRONIC_SIGNATURE");
    public static final Set<String> RECIPIENT_TYPES = Set.of("SHELTER");
    public static final Duration LONGEST = Duration.ofDays(90);

    public Consent {
        scope = List.copyOf(scope);
    }

    /**
     * A consent checked against D3: a scope of known details, a known form and recipient, given not in the
     * future, expiring after now and at most 90 days after it was given.
     */
    public static Consent give(
            String consentId,
            String recipientType,
            String recipientId,
            Set<String> knownRecipients,
            List<String> scope,
            String form,
            Instant givenAt,
            Instant expiresAt,
            Instant now) {
        if (scope == null || scope.isEmpty()) {
            throw CaseRuleViolation.invalid("scope", "{scope-empty}");
        }
        for (String detail : scope) {
            if (!SCOPES.contains(detail)) {
                throw CaseRuleViolation.invalid("scope", "{scope-detail}", detail, Vocabulary.SHARED_DETAILS);
            }
        }
        if (!RECIPIENT_TYPES.contains(recipientType)) {
            throw CaseRuleViolation.invalid("recipientType", "{one-of}", RECIPIENT_TYPES);
        }
        if (recipientId == null || !knownRecipients.contains(recipientId)) {
            throw CaseRuleViolation.invalid("recipientId", "{recipient-unknown}");
        }
        if (!FORMS.contains(form)) {
            throw CaseRuleViolation.invalid("form", "{consent-form}");
        }
        Instant given = givenAt == null ? now : givenAt;
        if (given.isAfter(now)) {
            throw CaseRuleViolation.invalid("givenAt", "{not-future}");
        }
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            throw CaseRuleViolation.invalid("expiresAt", "{future}");
        }
        if (expiresAt.isAfter(given.plus(LONGEST))) {
            throw CaseRuleViolation.invalid("expiresAt", "{consent-longest}");
        }
        return new Consent(consentId, recipientType, recipientId, List.copyOf(scope), form, given, expiresAt, null);
    }

    /** ACTIVE, EXPIRED or REVOKED at a moment. */
    public String statusAt(Instant now) {
        if (revokedAt != null) {
            return "REVOKED";
        }
        return expiresAt.isAfter(now) ? "ACTIVE" : "EXPIRED";
    }

    public Consent revoke(Instant at) {
        return new Consent(consentId, recipientType, recipientId, scope, form, givenAt, expiresAt, at);
    }
}
