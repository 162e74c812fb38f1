package org.village.gateway;

import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Live streams pass the gateway without a response timeout, but not forever: a stream still open after
 * {@code village.gateway.stream-lifetime} is ended (its client reconnects), so that an abandoned or stuck
 * connection does not hold the gateway's and the service's resources for ever.
 */
final class StreamLifetime implements GlobalFilter, Ordered {

    static final String ROUTE = "notification-stream";

    private final Duration lifetime;

    StreamLifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null || !ROUTE.equals(route.getId())) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).timeout(lifetime, Mono.empty());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
