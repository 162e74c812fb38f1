package org.village.gateway;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.village.events.ProblemTypes;
import reactor.core.publisher.Mono;

/**
 * Refuses, before routing, request bodies over the size limit (413) and requests over a user's rate limit
 * (429 with Retry-After). Each user has their own Resilience4j rate limiter, so one busy script cannot slow
 * down everyone else.
 */
class RequestLimits implements GlobalFilter, Ordered {

    private final long maxBytes;
    private final RateLimiterRegistry limiters;

    RequestLimits(GatewayProperties properties) {
        this.maxBytes = properties.maxRequestSize().toBytes();
        this.limiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(properties.rateLimit().requestsPerPeriod())
                .limitRefreshPeriod(properties.rateLimit().period())
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (exchange.getRequest().getHeaders().getContentLength() > maxBytes) {
            return EdgeProblems.write(
                    exchange.getResponse(),
                    HttpStatus.CONTENT_TOO_LARGE,
                    ProblemTypes.PAYLOAD_TOO_LARGE,
                    "Request bodies may not exceed " + maxBytes + " bytes");
        }
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> ((JwtAuthenticationToken) principal).getName())
                .flatMap(user -> {
                    RateLimiter limiter = limiters.rateLimiter(user);
                    if (limiter.acquirePermission()) {
                        return chain.filter(exchange).then(Mono.just(true));
                    }
                    long nanos =
                            ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait();
                    long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L));
                    exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
                    return EdgeProblems.write(
                                    exchange.getResponse(),
                                    HttpStatus.TOO_MANY_REQUESTS,
                                    ProblemTypes.RATE_LIMITED,
                                    "Too many requests: try again in " + seconds + " s")
                            .then(Mono.just(true));
                })
                .switchIfEmpty(chain.filter(exchange).then(Mono.just(true)))
                .then();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
