package org.village.gateway;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Where a route's open circuit breaker sends requests: a prompt 503 instead of a hanging call. */
@RestController
class UnavailableController {

    @RequestMapping("/unavailable")
    Mono<Void> unavailable(ServerWebExchange exchange) {
        return EdgeProblems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "This part of Village cannot be reached right now; nothing was changed. Try again shortly.");
    }
}
