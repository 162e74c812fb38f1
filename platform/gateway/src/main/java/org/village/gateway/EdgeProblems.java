package org.village.gateway;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.village.security.ProblemWriter;
import reactor.core.publisher.Mono;

/** Problem details written by the gateway itself, in the same format as the services'. */
final class EdgeProblems {

    private EdgeProblems() {}

    static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String type, String detail) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.valueOf(ProblemWriter.MEDIA_TYPE));
        byte[] body = ProblemWriter.body(status.value(), type, status.getReasonPhrase(), detail);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
