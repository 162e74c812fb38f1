package org.village.devstack.bench;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/** The intake the benchmark posts, and the case it opens. */
final class Intakes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Intakes() {}

    /** An intake that screens in (HIGH), as an officer records it at the scene, with a fresh name. */
    static byte[] highDanger() {
        Map<String, Object> answers = new HashMap<>();
        for (int i = 1; i <= 11; i++) {
            answers.put("q" + i, i == 2 ? "YES" : "NO");
        }
        Map<String, Object> intake = Map.of(
                "survivor",
                Map.of(
                        "firstName", "Bench" + UUID.randomUUID().toString().substring(0, 6),
                        "lastName", "Diaz",
                        "dateOfBirth", "1991-04-02",
                        "phone", "+1-555-0100",
                        "safeToCall", true,
                        "preferredLanguage", "es",
                        "children", 2),
                "incident",
                Map.of(
                        "occurredAt", "2026-11-20T21:30:00Z",
                        "location", "home",
                        "relationship", "SPOUSE",
                        "narrative", "Threatened to kill her."),
                "lethalityScreen",
                Map.of(
                        "version", "LAP-11",
                        "answers", answers,
                        "officerBelievesHighDanger", false,
                        "hotlineContacted", true,
                        "victimSpokeWithHotline", true),
                "needs",
                List.of("SHELTER"));
        return JSON.writeValueAsBytes(intake);
    }

    /**
     * The case an intake opens: case-service derives its id from the intake's ({@code CaseOpening.caseIdFor},
     * through {@code AppliedEvents.derivedId(intakeId, "case")}), so a replayed intake finds its case.
     */
    static String caseOf(String intakeId) {
        return UUID.nameUUIDFromBytes((intakeId + "|case").getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
