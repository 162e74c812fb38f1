package org.village.gateway;

import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells the services whose connection a request came on: {@value #HEADER} is always set by the gateway to the
 * address it saw, replacing whatever the client sent, so that identity counts failed sign-ins against the
 * caller, never against the gateway (which would let one attacker lock everyone out) nor an address a client
 * chose.
 */
final class ClientAddressHeader implements GlobalFilter, Ordered {

    static final String HEADER = "X-Village-Client-Address";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
        String address = peer == null || peer.getAddress() == null
                ? "unknown"
                : peer.getAddress().getHostAddress();
        ServerHttpRequest request = exchange.getRequest()
                .mutate()
                .headers(headers -> headers.set(HEADER, address))
                .build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
