package org.village.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every screen from the wrong side: each role that may not use a screen gets the console's 404 (the page itself
 * is checked in the browser tests), before the console calls the API at all (no API runs in this test: a screen that
 * called it first would fail differently).
 * The table covers every screen the console maps; a new screen without a row fails the test.
 */
@SpringBootTest(properties = "village.console.api-url=http://127.0.0.1:9")
class ScreensForTheWrongRoleTest {

    private static final List<String> ROLES = List.of("OFFICER", "ADVOCATE", "SUPERVISOR", "SHELTER_STAFF", "ADMIN");

    /** Screen → the roles that may use it. */
    private static final Map<String, Set<String>> WHO = Map.ofEntries(
            Map.entry("GET /intakes/new", Set.of("OFFICER", "ADVOCATE")),
            Map.entry("GET /intakes", Set.of("OFFICER", "ADVOCATE")),
            Map.entry("GET /intakes/{intakeId}", Set.of("OFFICER", "ADVOCATE")),
            Map.entry("POST /intakes", Set.of("OFFICER", "ADVOCATE")),
            Map.entry("POST /intakes/screen", Set.of("OFFICER", "ADVOCATE")),
            Map.entry("GET /tasks", Set.of("OFFICER", "ADVOCATE", "SUPERVISOR")),
            Map.entry("POST /tasks/{taskId}/complete", Set.of("OFFICER", "ADVOCATE", "SUPERVISOR")),
            Map.entry("GET /dashboard", Set.of("ADVOCATE", "SUPERVISOR")),
            Map.entry("GET /dashboard/live", Set.of("ADVOCATE", "SUPERVISOR")),
            Map.entry("GET /cases", Set.of("ADVOCATE", "SUPERVISOR")),
            Map.entry("GET /cases/{caseId}", Set.of("ADVOCATE", "SUPERVISOR")),
            Map.entry("GET /cases/{caseId}/referrals", Set.of("ADVOCATE", "SUPERVISOR")),
            Map.entry("POST /cases/{caseId}/tasks", Set.of("ADVOCATE", "SUPERVISOR")),
            Map.entry("POST /cases/{caseId}/tasks/{taskId}/complete", Set.of("ADVOCATE", "SUPERVISOR")),
            Map.entry("POST /cases/{caseId}/consents", Set.of("ADVOCATE", "SUPERVISOR")),
            Map.entry("POST /cases/{caseId}/consents/{consentId}/revoke", Set.of("ADVOCATE", "SUPERVISOR")),
            Map.entry("POST /cases/{caseId}/protective-orders", Set.of("ADVOCATE", "SUPERVISOR")),
            Map.entry("POST /cases/{caseId}/protective-orders/{orderId}", Set.of("ADVOCATE", "SUPERVISOR")),
            Map.entry("POST /cases/{caseId}/closure-request", Set.of("ADVOCATE")),
            Map.entry("POST /cases/{caseId}/closure", Set.of("SUPERVISOR")),
            Map.entry("POST /cases/{caseId}/assignment", Set.of("SUPERVISOR")),
            Map.entry("GET /cases/{caseId}/safety-plan", Set.of("ADVOCATE", "SUPERVISOR")),
            Map.entry("POST /cases/{caseId}/safety-plan", Set.of("ADVOCATE", "SUPERVISOR")),
            Map.entry("GET /cases/{caseId}/refer", Set.of("ADVOCATE")),
            Map.entry("POST /cases/{caseId}/refer", Set.of("ADVOCATE")),
            Map.entry("GET /cases/{caseId}/erase", Set.of("SUPERVISOR")),
            Map.entry("POST /cases/{caseId}/erase", Set.of("SUPERVISOR")),
            Map.entry("GET /cases/{caseId}/audit", Set.of("SUPERVISOR")),
            Map.entry("GET /referrals", Set.of("SHELTER_STAFF")),
            Map.entry("GET /referrals/live", Set.of("SHELTER_STAFF")),
            Map.entry("GET /referrals/{referralId}", Set.of("SHELTER_STAFF")),
            Map.entry("POST /referrals/{referralId}/{answer:accept|complete}", Set.of("SHELTER_STAFF")),
            Map.entry("POST /referrals/{referralId}/decline", Set.of("SHELTER_STAFF")),
            Map.entry("GET /beds", Set.of("SHELTER_STAFF")),
            Map.entry("POST /beds", Set.of("SHELTER_STAFF")),
            Map.entry("GET /admin", Set.of("ADMIN")),
            Map.entry("GET /admin/webhooks", Set.of("ADMIN")),
            Map.entry("POST /admin/webhooks", Set.of("ADMIN")),
            Map.entry("POST /admin/webhooks/{webhookId}/delete", Set.of("ADMIN")),
            Map.entry("GET /admin/dead-letters", Set.of("ADMIN")),
            Map.entry("POST /admin/dead-letters/{deadLetterId}/replay", Set.of("ADMIN")),
            Map.entry("GET /admin/audit", Set.of("ADMIN")),
            Map.entry("GET /reports", Set.of("SUPERVISOR", "ADMIN")),
            Map.entry("GET /reports/{report:lap|outcomes|shelters|funders}.csv", Set.of("SUPERVISOR", "ADMIN")),
            Map.entry("GET /reports/hud.zip", Set.of("SUPERVISOR", "ADMIN")));

    /** Everyone's screens: each shows only the caller's own things. */
    private static final Set<String> EVERYONE = Set.of(
            "GET /",
            "GET /notifications",
            "GET /notifications/live",
            "POST /notifications/{notificationId}/ack",
            "GET /preferences",
            "POST /preferences",
            "GET /live",
            "GET /bell",
            "POST /session/stay",
            "GET /error",
            "POST /error",
            "PUT /error",
            "PATCH /error",
            "DELETE /error",
            "HEAD /error",
            "OPTIONS /error");

    @Autowired
    WebApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
    }

    @Test
    void everyScreenHasARowOfWhoMayUseIt() {
        List<String> screens = screens().toList();
        assertThat(screens).isNotEmpty();
        assertThat(screens)
                .allSatisfy(screen -> assertThat(WHO.containsKey(screen) || EVERYONE.contains(screen))
                        .as(screen + " has a row")
                        .isTrue());
    }

    @Test
    void theWrongRoleGetsTheConsolesNotFoundPage() throws Exception {
        int checked = 0;
        for (Map.Entry<String, Set<String>> screen : WHO.entrySet()) {
            for (String role : ROLES) {
                if (screen.getValue().contains(role)) {
                    continue;
                }
                var result = mvc.perform(request(screen.getKey())
                                .with(csrf())
                                .with(oidcLogin()
                                        .idToken(token -> token.subject("someone." + role.toLowerCase(Locale.ROOT))
                                                .claim("roles", List.of(role))
                                                .claim("org", "elsewhere"))))
                        .andReturn();
                assertThat(result.getResponse().getStatus())
                        .as(screen.getKey() + " as " + role)
                        .isEqualTo(404);
                assertThat(result.getResolvedException())
                        .as(screen.getKey() + " as " + role)
                        .isInstanceOf(ResponseStatusException.class);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void noScreenOpensWithoutSigningIn() throws Exception {
        for (String screen : WHO.keySet()) {
            int status = mvc.perform(request(screen).with(csrf()))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            assertThat(status).as(screen).isEqualTo(302);
        }
    }

    private Stream<String> screens() {
        return mappings.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getValue() != null)
                // the browsable API description (springdoc's), open to anyone: it holds no data
                .filter(e -> !e.getValue().getBeanType().getPackageName().startsWith("org.springdoc"))
                .flatMap(e -> lines(e.getKey()));
    }

    private static Stream<String> lines(RequestMappingInfo info) {
        Set<String> patterns = info.getPatternValues();
        var methods = info.getMethodsCondition().getMethods();
        return patterns.stream()
                .flatMap(pattern -> methods.isEmpty()
                        ? Stream.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
                                .map(m -> m + " " + pattern)
                        : methods.stream().map(m -> m.name() + " " + pattern));
    }

    private static MockHttpServletRequestBuilder request(String screen) {
        String[] parts = screen.split(" ", 2);
        String path = parts[1].replace("{answer:accept|complete}", "accept")
                .replace("{report:lap|outcomes|shelters|funders}", "lap")
                .replaceAll("\\{[^}]+}", "x1");
        return parts[0].equals("GET") ? get(path) : post(path);
    }
}
