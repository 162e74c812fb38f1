package org.village.web;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.village.events.ProblemTypes;
import tools.jackson.core.JacksonException;

/** The one error format of Village's HTTP APIs: {@code application/problem+json} with a stable type slug. */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        ProblemDetail body = detail(problem.status(), problem.type(), problem.getMessage());
        problem.properties().forEach(body::setProperty);
        return respond(body);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
        List<Map<String, Object>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.<String, Object>of(
                        "field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return validation(errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e) {
        List<Map<String, Object>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.<String, Object>of(
                                "field",
                                result.getMethodParameter().getParameterName(),
                                "message",
                                String.valueOf(error.getDefaultMessage()))))
                .toList();
        return validation(errors);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<Map<String, Object>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.<String, Object>of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
                .toList();
        return validation(errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(413)
                        .contentType(PROBLEM_JSON)
                        .body(detail(
                                HttpStatusCode.valueOf(413), ProblemTypes.PAYLOAD_TOO_LARGE, tooLarge.getMessage()));
            }
        }
        if (e.getCause() instanceof JacksonException jackson) {
            String field = JsonPaths.of(jackson.getPath());
            String message = jackson.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate")) {
                return validation(
                        List.of(Map.of("field", field, "message", "names a property twice (" + message + ")")));
            }
            if (!jackson.getPath().isEmpty()) {
                return validation(List.of(Map.of("field", field, "message", "has an invalid value")));
            }
        }
        return validation(List.of(Map.of("field", "body", "message", "is not valid JSON")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return validation(List.of(Map.of("field", e.getName(), "message", "has an invalid value")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return validation(List.of(Map.of("field", e.getParameterName(), "message", "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return validation(List.of(Map.of("field", e.getHeaderName(), "message", "is required")));
    }

    /**
     * The service's database cannot be reached for now (restarting, failing over): 503, so that a caller and the
     * gateway know to try again, rather than a 500 that reads like a bug.
     */
    @ExceptionHandler({MongoSocketException.class, MongoTimeoutException.class})
    ResponseEntity<ProblemDetail> databaseUnreachable(Exception e) {
        log.warn("The database could not be reached: {}", e.toString());
        return respond(detail(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.UNAVAILABLE,
                "This part of Village cannot reach its records right now; try again shortly (with the same "
                        + "Idempotency-Key, nothing is done twice)"));
    }

    /**
     * The client of a live stream went away, or the stream's time ran out after it had begun: nothing can be said
     * to it any more, and its content type is an event stream, which problem details cannot be written as.
     */
    @ExceptionHandler({AsyncRequestNotUsableException.class, AsyncRequestTimeoutException.class})
    void streamEnded(Exception e) {
        log.debug("A stream ended: {}", e.toString());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof ErrorResponse framework) {
            HttpStatusCode status = framework.getStatusCode();
            return respond(
                    detail(status, slug(status.value()), framework.getBody().getDetail()));
        }
        log.error("Unexpected failure", e);
        return respond(detail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "The request could not be completed; nothing was changed that you did not see confirmed"));
    }

    private ResponseEntity<ProblemDetail> validation(List<Map<String, Object>> errors) {
        String detail = errors.stream()
                .map(error -> error.get("field") + ": " + error.get("message"))
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request is invalid");
        ProblemDetail body = detail(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, detail);
        body.setProperty("errors", errors);
        return respond(body);
    }

    private static ProblemDetail detail(HttpStatusCode status, String type, @Nullable String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(type));
        HttpStatus known = HttpStatus.resolve(status.value());
        body.setTitle(known == null ? "Error" : known.getReasonPhrase());
        return body;
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> ProblemTypes.VALIDATION_FAILED;
            case 401 -> ProblemTypes.UNAUTHENTICATED;
            case 403 -> ProblemTypes.FORBIDDEN;
            case 404 -> ProblemTypes.NOT_FOUND;
            case 409 -> ProblemTypes.CONFLICT;
            case 413 -> ProblemTypes.PAYLOAD_TOO_LARGE;
            case 503 -> ProblemTypes.UNAVAILABLE;
            default -> "http-" + status;
        };
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail body) {
        return ResponseEntity.status(body.getStatus()).contentType(PROBLEM_JSON).body(body);
    }
}
