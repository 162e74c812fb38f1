package org.village.web;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.village.events.ProblemTypes;

/**
 * A request Village refuses, answered as RFC 9457 problem details with a stable {@code type} slug.
 * Controllers and services throw it; {@link ProblemAdvice} writes it. Its texts may be keys in braces with
 * arguments, said in the caller's language ({@link ProblemTexts}); other texts are English.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final Map<String, Object> properties;
    private final @Nullable String field;
    private final @Nullable String text;
    private final Object[] args;

    private ApiProblem(
            HttpStatus status,
            String type,
            @Nullable String field,
            @Nullable String text,
            Map<String, Object> properties,
            Object... args) {
        super(field == null ? text : field + ": " + text);
        this.status = status;
        this.type = type;
        this.field = field;
        this.text = text;
        this.properties = Map.copyOf(properties);
        this.args = args.clone();
    }

    public ApiProblem(HttpStatus status, String type, @Nullable String detail, Map<String, Object> properties) {
        this(status, type, null, detail, properties);
    }

    public ApiProblem(HttpStatus status, String type, @Nullable String detail) {
        this(status, type, detail, Map.of());
    }

    /** A problem whose detail is a key in braces, said with {@code args} in the caller's language. */
    public static ApiProblem saying(HttpStatus status, String type, String key, Object... args) {
        return new ApiProblem(status, type, null, key, Map.of(), args);
    }

    /**
     * 400: one field of the request is wrong; the answer names it. The message may be a key in braces, said with
     * {@code args} in the caller's language.
     */
    public static ApiProblem invalid(String field, @Nullable String message, Object... args) {
        return new ApiProblem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION_FAILED,
                field,
                message == null ? "{invalid}" : message,
                Map.of(),
                args);
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

    /** The field a 400 names, or null. */
    public @Nullable String field() {
        return field;
    }

    /** The detail, or for a field the field's message: English, or a key in braces. */
    public @Nullable String text() {
        return text;
    }

    /** The arguments of a key's text. */
    public Object[] args() {
        return args.clone();
    }
}
