package org.village.gateway;

import java.io.IOException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code RetryUnsent} in a route's filters: a request whose connection to the service failed (refused, reset, or
 * closed before any answer, as when a service ends a pooled keep-alive connection just as the gateway reuses it)
 * is sent once more, on a fresh connection, when sending it again cannot do anything twice: a GET or HEAD, or a
 * request carrying an {@code Idempotency-Key}, which the services honour. A request that got an answer, however
 * bad, or timed out, is never sent again.
 */
class RetryUnsentGatewayFilterFactory extends AbstractGatewayFilterFactory<RetryUnsentGatewayFilterFactory.Config> {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RetryGatewayFilterFactory retries = new RetryGatewayFilterFactory();

    RetryUnsentGatewayFilterFactory() {
        super(Config.class);
    }

    /** The route the filter is on, for the body to be kept for a second sending. */
    public static class Config implements HasRouteId {

        private @Nullable String routeId;

        @Override
        public void setRouteId(String routeId) {
            this.routeId = routeId;
        }

        @Override
        public @Nullable String getRouteId() {
            return routeId;
        }
    }

    @Override
    @SuppressWarnings("unchecked") // setExceptions(Class<? extends Throwable>...) makes a generic array
    public GatewayFilter apply(Config config) {
        RetryGatewayFilterFactory.RetryConfig once = new RetryGatewayFilterFactory.RetryConfig()
                .setRetries(1)
                .setMethods(HttpMethod.values())
                .setSeries()
                .setStatuses(new HttpStatus[0])
                .setExceptions(IOException.class);
        String routeId = config.getRouteId();
        if (routeId != null) {
            once.setRouteId(routeId);
        }
        GatewayFilter retry = retries.apply(once);
        return (exchange, chain) -> safeToSendAgain(exchange) ? retry.filter(exchange, chain) : chain.filter(exchange);
    }

    static boolean safeToSendAgain(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            return true;
        }
        String key = exchange.getRequest().getHeaders().getFirst(IDEMPOTENCY_KEY);
        return key != null && !key.strip().toLowerCase(Locale.ROOT).isEmpty();
    }
}
