package org.village.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.village.testing.ApiClient;

/** The running stack's API as the tests use it: demo users' tokens (local password grant) and a HIGH intake. */
final class StackApi {

    private StackApi() {}

    static String token(ApiClient api, String user) {
        ApiClient.Response response = api.postForm(
                "/oauth2/token",
                Map.of("grant_type", "password", "client_id", "village-cli", "username", user, "password", "village"));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("access_token").asString();
    }

    /** An intake that screens in on question 2, with the survivor's name as given (a canary where it matters). */
    static Map<String, Object> highDangerIntake(String firstName) {
        Map<String, Object> answers = new HashMap<>();
        for (int i = 1; i <= 11; i++) {
            answers.put("q" + i, "NO");
        }
        answers.put("q2", "YES");
        return Map.of(
                "survivor",
                        Map.of(
                                "firstName",
                                firstName,
                                "lastName",
                                "Diaz",
                                "dateOfBirth",
                                "1991-04-02",
                                "phone",
                                "+1-555-0100",
                                "safeToCall",
                                true,
                                "preferredLanguage",
                                "es",
                                "children",
                                2),
                "incident",
                        Map.of(
                                "occurredAt",
                                "2026-11-20T21:30:00Z",
                                "location",
                                "home",
                                "relationship",
                                "SPOUSE",
                                "narrative",
                                "Threatened to kill her."),
                "lethalityScreen",
                        Map.of(
                                "version",
                                "LAP-11",
                                "answers",
                                answers,
                                "officerBelievesHighDanger",
                                false,
                                "hotlineContacted",
                                true,
                                "victimSpokeWithHotline",
                                true),
                "needs", List.of("SHELTER"));
    }
}
