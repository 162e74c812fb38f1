package org.village.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Intake request bodies for tests. */
final class IntakeRequests {

    private IntakeRequests() {}

    /** A complete intake; {@code yes} names the questions answered YES, every other one is NO. */
    static Map<String, Object> intake(String firstName, String... yes) {
        Map<String, Object> answers = new HashMap<>();
        for (int i = 1; i <= 11; i++) {
            answers.put("q" + i, "NO");
        }
        for (String question : yes) {
            answers.put(question, "YES");
        }
        Map<String, Object> survivor = new HashMap<>(Map.of(
                "firstName",
                firstName,
                "lastName",
                "Canary-Lastname",
                "dateOfBirth",
                "1991-04-02",
                "phone",
                "+1-555-0100",
                "safeToCall",
                true,
                "address",
                "12 Canary St",
                "preferredLanguage",
                "es",
                "children",
                3));
        return new HashMap<>(Map.of(
                "survivor",
                survivor,
                "incident",
                Map.of(
                        "occurredAt",
                        "2026-11-20T21:30:00Z",
                        "location",
                        "home",
                        "relationship",
                        "SPOUSE",
                        "narrative",
                        "Canary narrative"),
                "lethalityScreen",
                new HashMap<>(Map.of(
                        "version",
                        "LAP-11",
                        "answers",
                        answers,
                        "officerBelievesHighDanger",
                        false,
                        "hotlineContacted",
                        true,
                        "victimSpokeWithHotline",
                        true)),
                "needs",
                List.of("SHELTER", "LEGAL_ADVOCACY")));
    }
}
