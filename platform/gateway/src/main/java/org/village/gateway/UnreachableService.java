package org.village.gateway;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.village.events.ProblemTypes;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

/**
 * A service that cannot be reached on a route without a circuit breaker (a live stream, an API description)
 * answers like one with it: 503 {@code unavailable} as problem details, never a bare 500. Once a response has
 * begun (a stream that was open), there is nothing left to say and the connection just ends.
 */
final class UnreachableService implements WebExceptionHandler, Ordered {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (!unreachable(error) || exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        return EdgeProblems.write(
                exchange.getResponse(),
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.UNAVAILABLE,
                "This part of Village cannot be reached right now; nothing was changed. Try again shortly.");
    }

    private static boolean unreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof ConnectTimeoutException
                    || cause instanceof PrematureCloseException) {
                return true;
            }
        }
        return false;
    }

    /** Before Spring Boot's own handler, which would answer 500. */
    @Override
    public int getOrder() {
        return -2;
    }
}
