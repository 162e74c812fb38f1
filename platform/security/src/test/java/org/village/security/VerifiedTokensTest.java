package org.village.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** A verified token is answered again only under its exact text, and only until it expires. */
class VerifiedTokensTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private static Jwt token(String text, String user, Instant expires) {
        return Jwt.withTokenValue(text)
                .header("alg", "RS256")
                .subject(user)
                .issuedAt(expires.minus(Duration.ofMinutes(15)))
                .expiresAt(expires)
                .build();
    }

    @Test
    void aVerifiedTokenIsKnownUnderItsExactTextUntilItExpires() {
        VerifiedTokens tokens = new VerifiedTokens(100, clock);
        Jwt reyes = tokens.remember(token("header.reyes.signature", "officer.reyes", T0.plusSeconds(300)));

        assertThat(tokens.known("header.reyes.signature")).containsSame(reyes);
        // another text, however close, is verified as new: a changed signature, claims or a trailing byte
        assertThat(tokens.known("header.reyes.signaturE")).isEmpty();
        assertThat(tokens.known("header.reyes.signature ")).isEmpty();
        assertThat(tokens.known("header.avery.signature")).isEmpty();

        now.set(T0.plusSeconds(300));
        assertThat(tokens.known("header.reyes.signature")).as("at its expiry").isEmpty();
    }

    @Test
    void aTokenWithoutAnExpiryIsNeverKept() {
        VerifiedTokens tokens = new VerifiedTokens(100, clock);
        tokens.remember(Jwt.withTokenValue("forever")
                .header("alg", "RS256")
                .subject("x")
                .build());

        assertThat(tokens.known("forever")).isEmpty();
    }

    @Test
    void atCapacityTheExpiredGoFirstAndThenAll() {
        VerifiedTokens tokens = new VerifiedTokens(3, clock);
        tokens.remember(token("short", "a", T0.plusSeconds(10)));
        tokens.remember(token("long-1", "b", T0.plusSeconds(600)));
        tokens.remember(token("long-2", "c", T0.plusSeconds(600)));
        now.set(T0.plusSeconds(20));

        tokens.remember(token("long-3", "d", T0.plusSeconds(600)));
        assertThat(tokens.known("long-1")).isPresent();
        assertThat(tokens.known("long-3")).isPresent();

        tokens.remember(token("long-4", "e", T0.plusSeconds(600)));
        assertThat(tokens.known("long-1"))
                .as("none had expired: all were let go")
                .isEmpty();
        assertThat(tokens.known("long-4")).isPresent();
    }
}
