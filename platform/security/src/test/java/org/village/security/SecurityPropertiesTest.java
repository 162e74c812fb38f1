package org.village.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Security review finding: the production form fetched the token keys over plain HTTP. */
class SecurityPropertiesTest {

    @Test
    void theProductionFormRefusesAPlaintextIssuerOrKeySet() {
        assertThatThrownBy(() -> new SecurityProperties(
                        "http://identity:9000", "https://identity:9000/oauth2/jwks", "village-api", "village", true))
                .hasMessageContaining("must be HTTPS");
        assertThatThrownBy(() -> new SecurityProperties(
                        "https://identity:9000", "http://identity:9000/oauth2/jwks", "village-api", "village", true))
                .hasMessageContaining("must be HTTPS");
        assertThat(new SecurityProperties(
                                "https://identity:9000",
                                "https://identity:9000/oauth2/jwks",
                                "village-api",
                                "village",
                                true)
                        .jwkSetUri())
                .startsWith("https://");
    }

    @Test
    void theLocalStackMayUsePlaintextOnLoopback() {
        assertThat(new SecurityProperties(
                                "http://localhost:9000",
                                "http://localhost:9000/oauth2/jwks",
                                "village-api",
                                null,
                                false)
                        .issuer())
                .isEqualTo("http://localhost:9000");
    }
}
