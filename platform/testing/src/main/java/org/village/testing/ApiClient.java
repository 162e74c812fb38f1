package org.village.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client for tests that call Village the way a user's program would. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A response with its body read as JSON (null when empty or not JSON). */
    public record Response(
            int status, HttpHeaders headers, @Nullable String text) {

        public @Nullable JsonNode json() {
            if (text == null || text.isBlank()) {
                return null;
            }
            return JSON.readTree(text);
        }

        public @Nullable String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path, @Nullable String token) {
        return send(request(path, token).GET().build());
    }

    /** Opens a Server-Sent Events stream; close it when done. */
    public EventStream stream(String path, @Nullable String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "text/event-stream, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            return new EventStream(http.send(builder.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response delete(String path, @Nullable String token) {
        return send(request(path, token).DELETE().build());
    }

    public Response post(String path, @Nullable String token, @Nullable Object body) {
        return post(path, token, body, Map.of());
    }

    public Response post(String path, @Nullable String token, @Nullable Object body, Map<String, String> headers) {
        String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder builder = request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public Response put(String path, @Nullable String token, Object body) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)))
                .build());
    }

    public Response patch(String path, @Nullable String token, Object body) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                body instanceof String s ? s : JSON.writeValueAsString(body)))
                .build());
    }

    /** Posts an HTML form, as OAuth2 token requests are made. */
    public Response postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b)
                .orElse("");
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpRequest.Builder request(String path, @Nullable String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
