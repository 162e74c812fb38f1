package org.village.security;

import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * What makes a Village access token acceptable, the same at the gateway and in every service: signed by the
 * identity app's key (checked by the decoder), issued by the configured issuer, for the Village API audience,
 * within its validity period, naming a user, an organisation and at least one role.
 */
public final class TokenRules {

    public static final String ROLES_CLAIM = "roles";
    public static final String ORG_CLAIM = "org";

    private TokenRules() {}

    public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                jwt -> check(
                        jwt.getAudience() != null && jwt.getAudience().contains(audience),
                        "the token is not for audience " + audience),
                jwt -> check(jwt.getSubject() != null && !jwt.getSubject().isBlank(), "the token names no user"),
                jwt -> check(jwt.getClaimAsString(ORG_CLAIM) != null, "the token names no organisation"),
                jwt -> check(hasRoles(jwt), "the token carries no roles"));
    }

    private static boolean hasRoles(Jwt jwt) {
        try {
            List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
            return roles != null && !roles.isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static OAuth2TokenValidatorResult check(boolean ok, String description) {
        return ok
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
