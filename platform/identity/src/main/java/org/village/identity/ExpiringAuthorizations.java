package org.village.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Identity's record of what it issued, forgotten once it can no longer be used: an authorization is removed
 * when the last of its tokens (code, access, refresh, ID) has expired, and one still waiting for a sign-in
 * after {@code unfinished}. Memory is bounded by what is live, not by everything ever issued.
 */
final class ExpiringAuthorizations implements OAuth2AuthorizationService {

    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final InMemoryOAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastPurge;
    private final Clock clock;
    private final Duration unfinished;

    ExpiringAuthorizations(Clock clock, Duration unfinished) {
        this.clock = clock;
        this.unfinished = unfinished;
        this.lastPurge = new AtomicReference<>(clock.instant());
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        purgeNowAndThen();
        delegate.save(authorization);
        expiries.put(authorization.getId(), expiresAt(authorization));
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        delegate.remove(authorization);
        expiries.remove(authorization.getId());
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return live(delegate.findById(id));
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        return live(delegate.findByToken(token, tokenType));
    }

    /** How many authorizations are held now. */
    int size() {
        return expiries.size();
    }

    private @Nullable OAuth2Authorization live(@Nullable OAuth2Authorization found) {
        if (found == null) {
            return null;
        }
        Instant expiry = expiries.get(found.getId());
        if (expiry != null && !expiry.isAfter(clock.instant())) {
            remove(found);
            return null;
        }
        return found;
    }

    private Instant expiresAt(OAuth2Authorization authorization) {
        Instant latest = null;
        for (Class<? extends OAuth2Token> type : List.of(
                OAuth2AuthorizationCode.class, OAuth2AccessToken.class, OAuth2RefreshToken.class, OidcIdToken.class)) {
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
            Instant at = token == null ? null : token.getToken().getExpiresAt();
            if (at != null && (latest == null || at.isAfter(latest))) {
                latest = at;
            }
        }
        return latest != null ? latest : clock.instant().plus(unfinished);
    }

    private void purgeNowAndThen() {
        Instant now = clock.instant();
        Instant last = Objects.requireNonNull(lastPurge.get());
        if (now.isBefore(last.plus(PURGE_EVERY)) || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        expiries.forEach((id, expiry) -> {
            if (!expiry.isAfter(now)) {
                OAuth2Authorization gone = delegate.findById(id);
                if (gone != null) {
                    delegate.remove(gone);
                }
                expiries.remove(id);
            }
        });
    }
}
