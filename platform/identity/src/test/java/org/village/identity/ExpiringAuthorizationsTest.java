package org.village.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.village.testing.MutableClock;

/** Security review finding: identity kept every token it issued in memory. Expired ones are now forgotten. */
class ExpiringAuthorizationsTest {

    private static final RegisteredClient CLIENT = RegisteredClient.withId("cli")
            .clientId("village-cli")
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .build();

    private static OAuth2Authorization issued(String id, Instant at, Duration ttl) {
        OAuth2AccessToken token =
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token-" + id, at, at.plus(ttl), Set.of());
        return OAuth2Authorization.withRegisteredClient(CLIENT)
                .id(id)
                .principalName("officer.reyes")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .accessToken(token)
                .build();
    }

    @Test
    void anAuthorizationIsForgottenOnceItsTokensExpired() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));
        ExpiringAuthorizations authorizations = new ExpiringAuthorizations(clock, Duration.ofMinutes(10));
        for (int i = 0; i < 50; i++) {
            authorizations.save(issued("old-" + i, clock.instant(), Duration.ofMinutes(15)));
        }
        assertThat(authorizations.findByToken("token-old-1", OAuth2TokenType.ACCESS_TOKEN))
                .isNotNull();

        clock.advance(Duration.ofMinutes(16));
        assertThat(authorizations.findByToken("token-old-1", OAuth2TokenType.ACCESS_TOKEN))
                .isNull();
        authorizations.save(issued("new", clock.instant(), Duration.ofMinutes(15)));

        assertThat(authorizations.size()).as("only the live one is held").isEqualTo(1);
        assertThat(authorizations.findById("new")).isNotNull();
        assertThat(authorizations.findById("old-7")).isNull();
    }
}
