package org.village.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where tokens come from and whom they are for.
 *
 * @param issuer the identity app's issuer URL, as it appears in the {@code iss} claim
 * @param jwkSetUri where the identity app publishes its signing keys
 * @param audience the audience every Village access token must name
 */
@ConfigurationProperties("village.security")
public record SecurityProperties(
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue("http://localhost:9000/oauth2/jwks") String jwkSetUri,
        @DefaultValue("village-api") String audience) {
}
