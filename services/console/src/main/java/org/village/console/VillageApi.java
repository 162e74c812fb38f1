package org.village.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The Village API as the signed-in user: every call goes to the gateway with the user's access token, which
 * lives in their server-side session (refreshed when it expires) and never reaches the browser.
 */
@Component
class VillageApi {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final RestClient client;
    private final OAuth2AuthorizedClientManager tokens;

    VillageApi(ConsoleProperties properties, OAuth2AuthorizedClientManager tokens) {
        this.client = RestClient.builder().baseUrl(properties.apiUrl()).build();
        this.tokens = tokens;
    }

    /** A problem the API answered (RFC 9457), with the fields it names. */
    static final class Problem extends RuntimeException {

        private final int status;
        private final Map<String, Object> body;

        Problem(int status, Map<String, Object> body) {
            super(String.valueOf(body.getOrDefault("detail", "status " + status)));
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
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
        return call(() -> client.get().uri(path).headers(h -> h.setBearerAuth(token(user))).retrieve().body(JSON));
    }

    Map<String, Object> post(Authentication user, String path, Object body, String idempotencyKey) {
        return call(() -> client.post().uri(path).headers(h -> {
            h.setBearerAuth(token(user));
            if (idempotencyKey != null) {
                h.set("Idempotency-Key", idempotencyKey);
            }
        }).contentType(MediaType.APPLICATION_JSON).body(body == null ? Map.of() : body).retrieve().body(JSON));
    }

    private Map<String, Object> call(Supplier<Map<String, Object>> request) {
        try {
            Map<String, Object> answer = request.get();
            return answer == null ? Map.of() : answer;
        } catch (RestClientResponseException refused) {
            Map<String, Object> problem = refused.getResponseBodyAs(JSON);
            throw new Problem(refused.getStatusCode().value(), problem == null ? Map.of() : problem);
        }
    }

    private String token(Authentication user) {
        OAuth2AuthorizedClient authorized = tokens.authorize(OAuth2AuthorizeRequest
                .withClientRegistrationId(ConsoleSecurity.REGISTRATION).principal(user).build());
        if (authorized == null) {
            throw new Problem(401, Map.of("detail", "Your session has ended"));
        }
        return authorized.getAccessToken().getTokenValue();
    }
}
