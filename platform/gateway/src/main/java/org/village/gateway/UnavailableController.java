package org.village.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.village.events.ProblemTypes;
import reactor.core.publisher.Mono;

/**
 * Answers the gateway gives itself: a prompt 503 where a route's circuit breaker is open, and a 400 for an
 * admin call that does not say which service's records it means.
 */
@RestController
class UnavailableController {

    private static final Logger log = LoggerFactory.getLogger(UnavailableController.class);

    /** Each service keeps its own audit trail; {@code ?service=} names whose (see the admin-unnamed route). */
    @RequestMapping("/service-missing")
    Mono<Void> serviceMissing(ServerWebExchange exchange) {
        return EdgeProblems.write(
                exchange.getResponse(),
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION_FAILED,
                "service: is required (intake, case, referral, notification, reporting or identity)");
    }

    @RequestMapping("/unavailable")
    Mono<Void> unavailable(ServerWebExchange exchange) {
        // why, for whoever runs Village: the route and the failure (its kind and message: a connection's, never
        // a request's content), or the breaker standing open
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        log.warn(
                "Answered 503 for route {}: {}",
                route == null ? "?" : route.getId(),
                cause == null ? "no cause recorded" : cause.toString());
        return EdgeProblems.write(
                exchange.getResponse(),
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.UNAVAILABLE,
                "This part of Village cannot be reached right now; nothing was changed. Try again shortly.");
    }
}
