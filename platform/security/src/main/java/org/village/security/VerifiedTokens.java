package org.village.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Access tokens already verified (signature, issuer, audience, validity, claims), kept until they expire: a user
 * sends the same token with every request of its life, and checking its RSA signature again each time costs more
 * than the rest of a small request. A token is answered from here only under its exact text, only if it was
 * verified whole, and only before its expiry; anything else is verified as if it were new. At most
 * {@code capacity} tokens are kept: the expired ones go first, and if that is not enough, all of them.
 */
public final class VerifiedTokens {

    private final int capacity;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The token as it was verified, while it has not expired; empty when it must be verified. */
    public Optional<Jwt> known(String token) {
        Jwt jwt = verified.get(token);
        if (jwt == null) {
            return Optional.empty();
        }
        if (!unexpired(jwt, clock.instant())) {
            verified.remove(token, jwt);
            return Optional.empty();
        }
        return Optional.of(jwt);
    }

    /** Keeps a token that was just verified whole; returns it. */
    public Jwt remember(Jwt jwt) {
        if (jwt.getExpiresAt() == null) {
            return jwt; // one without an expiry is never answered from here
        }
        if (verified.size() >= capacity) {
            Instant now = clock.instant();
            verified.values().removeIf(kept -> !unexpired(kept, now));
            if (verified.size() >= capacity) {
                verified.clear();
            }
        }
        verified.put(jwt.getTokenValue(), jwt);
        return jwt;
    }

    private static boolean unexpired(Jwt jwt, Instant now) {
        Instant expires = jwt.getExpiresAt();
        return expires != null && now.isBefore(expires);
    }
}
