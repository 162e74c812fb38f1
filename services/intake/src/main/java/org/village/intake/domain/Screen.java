package org.village.intake.domain;

import java.util.Map;

/** The lethality screen as administered: version, answers, the officer's judgment and the hotline protocol. */
public record Screen(
        String version,
        Map<String, Answer> answers,
        boolean officerBelievesHighDanger,
        boolean hotlineContacted,
        boolean victimSpokeWithHotline) {

    public Screen {
        answers = Map.copyOf(answers);
    }
}
