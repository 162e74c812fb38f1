package org.village.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The Village API as the signed-in user: every call goes to the gateway with the user's access token, which
 * lives in their server-side session (refreshed when it expires) and never reaches the browser, and asks for the
 * answer in the user's language ({@code Accept-Language}): what the API refuses, it says in it where it can.
 */
@Component
class VillageApi {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST =
            new ParameterizedTypeReference<>() {};

    private final String baseUrl;
    private final RestClient client;
    private final OAuth2AuthorizedClientManager tokens;

    VillageApi(ConsoleProperties properties, OAuth2AuthorizedClientManager tokens) {
        this.baseUrl = properties.apiUrl();
        this.client = RestClient.builder().baseUrl(baseUrl).build();
        this.tokens = tokens;
    }

    String baseUrl() {
        return baseUrl;
    }

    /**
     * A problem the API answered (RFC 9457), with the fields it names, and whether it is in a language other than
     * the user's (its {@code Content-Language}; English when it names none).
     */
    static final class Problem extends RuntimeException {

        private final int status;
        private final Map<String, Object> body;
        private final boolean foreign;

        Problem(int status, Map<String, Object> body) {
            this(status, body, null);
        }

        Problem(int status, Map<String, Object> body, @Nullable String contentLanguage) {
            super(String.valueOf(body.getOrDefault("detail", "status " + status)));
            this.status = status;
            this.body = body;
            String language = contentLanguage == null || contentLanguage.isBlank()
                    ? "en"
                    : Locale.forLanguageTag(contentLanguage.trim()).getLanguage();
            this.foreign = !language.equals(LocaleContextHolder.getLocale().getLanguage());
        }

        /** Said in a language other than the user's. */
        boolean foreign() {
            return foreign;
        }

        int status() {
            return status;
        }

        /** The problem's type ({@code conflict}, {@code no-beds}, ...), empty when it named none. */
        String type() {
            return String.valueOf(body.getOrDefault("type", ""));
        }

        /** Not there, or not the caller's: the console shows its 404 page for both. */
        boolean notFound() {
            return status == 404 || status == 403;
        }

        /** The message for each field the problem names ({@code survivor.firstName} → message). */
        @SuppressWarnings("unchecked")
        Map<String, String> fieldErrors() {
            Map<String, String> errors = new LinkedHashMap<>();
            Object listed = body.get("errors");
            if (listed instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof Map<?, ?> error) {
                        errors.put(String.valueOf(error.get("field")), String.valueOf(error.get("message")));
                    }
                }
            }
            return errors;
        }
    }

    Map<String, Object> get(Authentication user, String path) {
        return call(() ->
                client.get().uri(path).headers(h -> as(user, h)).retrieve().body(JSON));
    }

    /** A GET of one thing; gone, not the caller's or not a valid id: the console's 404 page. */
    Map<String, Object> one(Authentication user, String path) {
        try {
            return get(user, path);
        } catch (Problem problem) {
            if (problem.notFound() || problem.status() == 400) {
                throw Screens.notFound();
            }
            throw problem;
        }
    }

    /** A GET the API answers with a JSON array. */
    List<Map<String, Object>> getList(Authentication user, String path) {
        List<List<Map<String, Object>>> answer = new ArrayList<>();
        call(() -> {
            answer.add(
                    client.get().uri(path).headers(h -> as(user, h)).retrieve().body(JSON_LIST));
            return Map.of();
        });
        return answer.get(0) == null ? List.of() : answer.get(0);
    }

    Map<String, Object> post(Authentication user, String path, @Nullable Object body, @Nullable String idempotencyKey) {
        return send(HttpMethod.POST, user, path, body, idempotencyKey);
    }

    Map<String, Object> put(Authentication user, String path, Object body) {
        return send(HttpMethod.PUT, user, path, body, null);
    }

    Map<String, Object> patch(Authentication user, String path, Object body) {
        return send(HttpMethod.PATCH, user, path, body, null);
    }

    void delete(Authentication user, String path) {
        call(() ->
                client.delete().uri(path).headers(h -> as(user, h)).retrieve().body(JSON));
    }

    /**
     * A file the API answers (a report's CSV or ZIP), with its type and the name it is to be saved under, for the
     * console to hand on to the browser.
     */
    ResponseEntity<byte[]> download(Authentication user, String path) {
        List<ResponseEntity<byte[]>> answer = new ArrayList<>();
        call(() -> {
            answer.add(
                    client.get().uri(path).headers(h -> as(user, h)).retrieve().toEntity(byte[].class));
            return Map.of();
        });
        ResponseEntity<byte[]> file = answer.get(0);
        HttpHeaders headers = new HttpHeaders();
        MediaType type = file.getHeaders().getContentType();
        headers.setContentType(type == null ? MediaType.APPLICATION_OCTET_STREAM : type);
        String disposition = file.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION);
        if (disposition != null) {
            headers.set(HttpHeaders.CONTENT_DISPOSITION, disposition);
        }
        byte[] body = file.getBody();
        return ResponseEntity.ok().headers(headers).body(body == null ? new byte[0] : body);
    }

    /** The items of a page the API answered ({@code {items: [...]}}), none when it had none. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page) {
        Object items = page.get("items");
        return items instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private Map<String, Object> send(
            HttpMethod method,
            Authentication user,
            String path,
            @Nullable Object body,
            @Nullable String idempotencyKey) {
        return call(() -> client.method(method)
                .uri(path)
                .headers(h -> {
                    as(user, h);
                    if (idempotencyKey != null) {
                        h.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(body == null ? Map.of() : body)
                .retrieve()
                .body(JSON));
    }

    private Map<String, Object> call(Supplier<Map<String, Object>> request) {
        try {
            Map<String, Object> answer = request.get();
            return answer == null ? Map.of() : answer;
        } catch (RestClientResponseException refused) {
            Map<String, Object> problem;
            try {
                problem = refused.getResponseBodyAs(JSON);
            } catch (RuntimeException notJson) {
                problem = null;
            }
            HttpHeaders headers = refused.getResponseHeaders();
            throw new Problem(
                    refused.getStatusCode().value(),
                    problem == null ? Map.of() : problem,
                    headers == null ? null : headers.getFirst(HttpHeaders.CONTENT_LANGUAGE));
        }
    }

    /** The user's token, and their language for what the API says. */
    private void as(Authentication user, HttpHeaders headers) {
        headers.setBearerAuth(token(user));
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, LocaleContextHolder.getLocale().toLanguageTag());
    }

    /** The user's access token, refreshed when it has expired; for the live stream, which the console opens itself. */
    String token(Authentication user) {
        OAuth2AuthorizedClient authorized =
                tokens.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(ConsoleSecurity.REGISTRATION)
                        .principal(user)
                        .build());
        if (authorized == null) {
            throw new Problem(401, Map.of("detail", "Your session has ended"));
        }
        return authorized.getAccessToken().getTokenValue();
    }
}
