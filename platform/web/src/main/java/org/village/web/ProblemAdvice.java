package org.village.web;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
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

/**
 * The one error format of Village's HTTP APIs: {@code application/problem+json} with a stable type slug, its
 * texts in the caller's language where Village has them in it ({@link ProblemTexts}), and a
 * {@code Content-Language} that says which language they are in.
 */
@RestControllerAdvice
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final ProblemTexts texts = new ProblemTexts();

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        Locale language = ProblemTexts.language();
        String field = problem.field();
        if (field != null) {
            ProblemTexts.Said message = texts.say(String.valueOf(problem.text()), language, problem.args());
            return validation(List.of(Map.of("field", field, "message", message.text())), message.language());
        }
        String text = problem.text();
        ProblemTexts.Said detail = text == null ? null : texts.say(text, language, problem.args());
        ProblemDetail body = detail(problem.status(), problem.type(), detail == null ? null : detail.text());
        problem.properties().forEach(body::setProperty);
        return respond(body, detail == null ? language : detail.language());
    }

    /** Bean Validation's messages, said by Spring in the request's language. */
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
                return respond(
                        detail(HttpStatusCode.valueOf(413), ProblemTypes.PAYLOAD_TOO_LARGE, tooLarge.getMessage()),
                        Locale.ENGLISH);
            }
        }
        if (e.getCause() instanceof JacksonException jackson) {
            String field = JsonPaths.of(jackson.getPath());
            String message = jackson.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate")) {
                return ownText(field, "{property-twice}", message);
            }
            if (!jackson.getPath().isEmpty()) {
                return ownText(field, "{invalid-value}");
            }
        }
        return ownText("body", "{not-json}");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ownText(e.getName(), "{invalid-value}");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return ownText(e.getParameterName(), "{required}");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return ownText(e.getHeaderName(), "{required}");
    }

    /** A 400 naming one field, with one of these texts' own messages. */
    private ResponseEntity<ProblemDetail> ownText(String field, String key, Object... args) {
        ProblemTexts.Said message = texts.say(key, ProblemTexts.language(), args);
        return validation(List.of(Map.of("field", field, "message", message.text())), message.language());
    }

    /**
     * The service's database cannot be reached for now (restarting, failing over): 503, so that a caller and the
     * gateway know to try again, rather than a 500 that reads like a bug.
     */
    @ExceptionHandler({MongoSocketException.class, MongoTimeoutException.class})
    ResponseEntity<ProblemDetail> databaseUnreachable(Exception e) {
        log.warn("The database could not be reached: {}", e.toString());
        return said(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, "{unavailable}");
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
            // the framework's own detail is English
            return respond(
                    detail(status, slug(status.value()), framework.getBody().getDetail()), Locale.ENGLISH);
        }
        log.error("Unexpected failure", e);
        return said(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "{internal-error}");
    }

    /** A problem with one of these texts' own details, in the request's language. */
    private ResponseEntity<ProblemDetail> said(HttpStatus status, String type, String key) {
        ProblemTexts.Said detail = texts.say(key, ProblemTexts.language());
        return respond(detail(status, type, detail.text()), detail.language());
    }

    /** A 400 whose messages Spring said in the request's language (Bean Validation's). */
    private ResponseEntity<ProblemDetail> validation(List<Map<String, Object>> errors) {
        return validation(errors, ProblemTexts.language());
    }

    private ResponseEntity<ProblemDetail> validation(List<Map<String, Object>> errors, Locale language) {
        String detail = errors.stream()
                .map(error -> error.get("field") + ": " + error.get("message"))
                .reduce((a, b) -> a + "; " + b)
                .orElseGet(() -> texts.say("{invalid-request}", language).text());
        ProblemDetail body = detail(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, detail);
        body.setProperty("errors", errors);
        return respond(body, language);
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

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail body, Locale language) {
        return ResponseEntity.status(body.getStatus())
                .contentType(PROBLEM_JSON)
                .header(HttpHeaders.CONTENT_LANGUAGE, language.toLanguageTag())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .body(body);
    }
}
