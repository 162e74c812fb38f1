package org.village.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where tokens come from and whom they are for.
 *
 * @param issuer the identity app's issuer URL, as it appears in the {@code iss} claim
 * @param jwkSetUri where the identity app publishes its signing keys
 * @param audience the audience every Village access token must name
 * @param jwkSetSslBundle the SSL bundle ({@code spring.ssl.bundle.*}) whose trust store verifies the identity app's
 *                        certificate when the keys are fetched over HTTPS; the JVM's trust store when unset
 * @param requireHttps refuse to start unless the issuer and the key set are HTTPS URLs (the production form)
 */
@ConfigurationProperties("village.security")
public record SecurityProperties(
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue("http://localhost:9000/oauth2/jwks") String jwkSetUri,
        @DefaultValue("village-api") String audience,
        String jwkSetSslBundle,
        @DefaultValue("false") boolean requireHttps) {

    public SecurityProperties {
        if (requireHttps && !(issuer.startsWith("https://") && jwkSetUri.startsWith("https://"))) {
            throw new IllegalStateException("Refusing to start: the token issuer " + issuer + " and its key set "
                    + jwkSetUri + " must be HTTPS URLs here (village.security.require-https)");
        }
    }
}
