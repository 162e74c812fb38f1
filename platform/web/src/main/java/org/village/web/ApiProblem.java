package org.village.web;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.village.events.ProblemTypes;

/**
 * A request Village refuses, answered as RFC 9457 problem details with a stable {@code type} slug.
 * Controllers and services throw it; {@link ProblemAdvice} writes it.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final Map<String, Object> properties;

    public ApiProblem(HttpStatus status, String type, @Nullable String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    public ApiProblem(HttpStatus status, String type, @Nullable String detail) {
        this(status, type, detail, Map.of());
    }

    /** 400: one field of the request is wrong; the answer names it. */
    public static ApiProblem invalid(String field, @Nullable String message) {
        return invalidBecause(field, message == null ? "is not valid" : message);
    }

    private static ApiProblem invalidBecause(String field, String message) {
        return new ApiProblem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION_FAILED,
                field + ": " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    /** 404: it does not exist, or the caller may not know that it does. */
    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, what + " was not found");
    }

    /** 403: the caller may see it but not do this to it. */
    public static ApiProblem forbidden(@Nullable String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, detail);
    }

    /** 409: the request conflicts with the current state. */
    public static ApiProblem conflict(@Nullable String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
