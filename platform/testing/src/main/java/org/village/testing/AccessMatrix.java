package org.village.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Who may do what, as a table: every endpoint of an app, called as every demo user, against the answer each
 * should get. An endpoint the app serves without a row in the table fails the test, so no endpoint is added
 * without deciding who may use it.
 */
public final class AccessMatrix {

    /** The demo users of docs/DOMAIN.md, one of each kind of caller and a second of most. */
    public static final List<String> DEMO_USERS = TestTokens.DEMO_USERS;

    private final ApiClient api;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    private AccessMatrix(String baseUrl) {
        this.api = new ApiClient(baseUrl);
    }

    public static AccessMatrix at(String baseUrl) {
        return new AccessMatrix(baseUrl);
    }

    /**
     * One endpoint ({@code "GET /api/cases/{caseId}"}), how to call it as a given user (path, and body for
     * POST/PUT), and the status each demo user must get.
     */
    public AccessMatrix row(
            String endpoint, Function<String, String> pathFor, @Nullable Object body, Map<String, Integer> expected) {
        assertThat(expected.keySet()).as("expectations of " + endpoint).containsExactlyInAnyOrderElementsOf(DEMO_USERS);
        rows.put(endpoint, new Row(endpoint, pathFor, body, expected, false));
        return this;
    }

    /**
     * The dead-letter operations every service has: only an admin lists them (200) or replays one (404 for an id
     * that names none).
     */
    public AccessMatrix deadLetterRows() {
        row("GET /api/admin/dead-letters", user -> "/api/admin/dead-letters", null, expect(403, "admin", 200));
        return row(
                "POST /api/admin/dead-letters/{deadLetterId}/replay",
                user -> "/api/admin/dead-letters/unknown.events.v1-dlt:0:0/replay",
                null,
                expect(403, "admin", 404));
    }

    /**
     * The admin operations every service has: the audit trail about {@code auditedResource}, read by an admin and
     * by the agency's supervisor, its verification (admin only), and the dead letters.
     */
    public AccessMatrix adminRows(String auditedResource) {
        row(
                "GET /api/admin/audit",
                user -> "/api/admin/audit?resource=" + auditedResource,
                null,
                expect(403, "supervisor.sam", 200, "admin", 200));
        row("GET /api/admin/audit/verify", user -> "/api/admin/audit/verify", null, expect(403, "admin", 200));
        return deadLetterRows();
    }

    /**
     * Checks the whole table against the running app: its API description names exactly the table's operations,
     * the table has one row per endpoint of the app, and every demo user gets what the table says.
     */
    public void verifyAgainst(ApplicationContext context) {
        describedExactly().verify(endpointsOf(context));
    }

    /** A Server-Sent Events endpoint: only the status of opening it counts; the stream is closed at once. */
    public AccessMatrix streamRow(String endpoint, Function<String, String> pathFor, Map<String, Integer> expected) {
        assertThat(expected.keySet()).as("expectations of " + endpoint).containsExactlyInAnyOrderElementsOf(DEMO_USERS);
        rows.put(endpoint, new Row(endpoint, pathFor, null, expected, true));
        return this;
    }

    /** Every demo user gets {@code otherwise}, except those named in {@code userThenStatus} pairs. */
    public static Map<String, Integer> expect(int otherwise, Object... userThenStatus) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        DEMO_USERS.forEach(user -> expected.put(user, otherwise));
        for (int i = 0; i < userThenStatus.length; i += 2) {
            String user = (String) userThenStatus[i];
            assertThat(DEMO_USERS).contains(user);
            expected.put(user, (Integer) userThenStatus[i + 1]);
        }
        return expected;
    }

    /** The endpoints an app serves: {@code "METHOD /path/{var}"}, Spring's own error page left out. */
    public static Set<String> endpointsOf(ApplicationContext context) {
        Set<String> endpoints = new TreeSet<>();
        RequestMappingHandlerMapping mapping =
                context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String path :
                    Objects.requireNonNull(info.getPathPatternsCondition()).getPatternValues()) {
                if (path.equals("/error") || path.startsWith("/v3/api-docs")) {
                    // the error page, and the API's description, which anyone may read (it holds no data)
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    endpoints.add(method.name() + " " + path);
                }
            }
        }
        return endpoints;
    }

    /**
     * Checks that the app describes itself (OpenAPI 3.1 at {@code /v3/api-docs}, open to anyone) with exactly the
     * operations of this table, each behind the bearer token and with its problem responses.
     */
    public AccessMatrix describedExactly() {
        ApiClient.Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).as(docs.text()).isEqualTo(200);
        JsonNode description = Objects.requireNonNull(docs.json(), "the API description");
        assertThat(description.get("openapi").asString()).startsWith("3.1");
        assertThat(description.get("security").toString()).contains("bearer");
        assertThat(description.toString())
                .as("the caller comes from the token, never from a parameter")
                .doesNotContain("\"name\":\"caller\"");
        Set<String> described = new TreeSet<>();
        for (var path : description.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    described.add(method + " " + path.getKey());
                    assertThat(operation.getValue().get("responses").has("401"))
                            .as(method + " " + path.getKey() + " names its problems")
                            .isTrue();
                }
            }
        }
        assertThat(described)
                .as("the API description names exactly the operations of the access table")
                .containsExactlyInAnyOrderElementsOf(rows.keySet());
        return this;
    }

    /** Checks that the table covers exactly the app's endpoints, then that every answer is as expected. */
    public void verify(Set<String> endpointsOfApp) {
        assertThat(rows.keySet())
                .as("the access table must have one row per endpoint")
                .containsExactlyInAnyOrderElementsOf(endpointsOfApp);
        List<String> wrong = new ArrayList<>();
        for (Row row : rows.values()) {
            String method = row.endpoint().substring(0, row.endpoint().indexOf(' '));
            for (String user : DEMO_USERS) {
                String token = TestTokens.demo(user);
                String path = row.pathFor().apply(user);
                ApiClient.Response response = row.stream()
                        ? opened(path, token)
                        : switch (method) {
                            case "GET" -> api.get(path, token);
                            case "DELETE" -> api.delete(path, token);
                            case "POST" -> api.post(path, token, row.body() == null ? "" : row.body());
                            case "PUT" -> api.put(path, token, row.body() == null ? "" : row.body());
                            case "PATCH" -> api.patch(path, token, row.body() == null ? "" : row.body());
                            default -> throw new IllegalArgumentException("Unsupported method in " + row.endpoint());
                        };
                int expected = Objects.requireNonNull(row.expected().get(user), user);
                if (response.status() != expected) {
                    wrong.add(row.endpoint() + " as " + user + ": expected " + expected + ", got " + response.status()
                            + " " + response.text());
                } else if (response.status() >= 400) {
                    assertThat(response.header("Content-Type"))
                            .as(row.endpoint() + " as " + user)
                            .startsWith("application/problem+json");
                }
            }
        }
        assertThat(wrong).as("answers that differ from the access table").isEmpty();
    }

    private ApiClient.Response opened(String path, String token) {
        try (EventStream stream = api.stream(path, token)) {
            HttpHeaders headers = HttpHeaders.of(
                    Map.of("Content-Type", List.of(String.valueOf(stream.header("Content-Type")))),
                    (name, value) -> true);
            return new ApiClient.Response(stream.status(), headers, stream.errorBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Row(
            String endpoint,
            Function<String, String> pathFor,
            @Nullable Object body,
            Map<String, Integer> expected,
            boolean stream) {}
}
