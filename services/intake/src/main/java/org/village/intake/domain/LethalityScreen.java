package org.village.intake.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.village.events.DangerLevel;

/**
 * A version of the lethality screen: its questions and how its answers score. {@link #LAP_11} is the
 * Lethality Assessment Program's eleven-question screen; a later wording lives beside it as another version.
 */
public final class LethalityScreen {

    /** The Maryland-model Lethality Assessment Program screen. */
    public static final LethalityScreen LAP_11 = new LethalityScreen("LAP-11", 11, 3, 4);

    private static final Map<String, LethalityScreen> VERSIONS = Map.of(LAP_11.version, LAP_11);

    private final String version;
    private final int questions;
    private final int protocolQuestions;
    private final int countThreshold;

    private LethalityScreen(String version, int questions, int protocolQuestions, int countThreshold) {
        this.version = version;
        this.questions = questions;
        this.protocolQuestions = protocolQuestions;
        this.countThreshold = countThreshold;
    }

    public static Optional<LethalityScreen> version(String version) {
        return Optional.ofNullable(VERSIONS.get(version));
    }

    public String version() {
        return version;
    }

    /** The question keys of this version, {@code q1} to {@code qN}. */
    public List<String> questionKeys() {
        return IntStream.rangeClosed(1, questions).mapToObj(i -> "q" + i).toList();
    }

    /**
     * Reads the answers as given (question key → answer name); a question left out counts as NOT_ANSWERED.
     *
     * @throws InvalidScreenException for an unknown question or answer
     */
    public Map<String, Answer> answers(Map<String, String> given) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        questionKeys().forEach(key -> answers.put(key, Answer.NOT_ANSWERED));
        given.forEach((key, value) -> {
            if (!answers.containsKey(key)) {
                throw new InvalidScreenException("lethalityScreen.answers." + key, "{screen-question}", version);
            }
            answers.put(key, parse(key, value));
        });
        return answers;
    }

    private static Answer parse(String key, String value) {
        if (value != null) {
            for (Answer answer : Answer.values()) {
                if (answer.name().equals(value)) {
                    return answer;
                }
            }
        }
        throw new InvalidScreenException("lethalityScreen.answers." + key, "{screen-answer}");
    }

    /** Scores complete answers (as returned by {@link #answers}) with the officer's own judgment. */
    public ScreenResult score(Map<String, Answer> answers, boolean officerBelievesHighDanger) {
        boolean protocolYes = false;
        int otherYes = 0;
        boolean anyAnswered = false;
        for (Map.Entry<String, Answer> entry : answers.entrySet()) {
            Answer answer = entry.getValue();
            anyAnswered |= answer != Answer.NOT_ANSWERED;
            if (answer == Answer.YES) {
                if (questionNumber(entry.getKey()) <= protocolQuestions) {
                    protocolYes = true;
                } else {
                    otherYes++;
                }
            }
        }
        if (protocolYes) {
            return new ScreenResult(DangerLevel.HIGH, ScreenReason.PROTOCOL_QUESTIONS_1_3, anyAnswered);
        }
        if (otherYes >= countThreshold) {
            return new ScreenResult(DangerLevel.HIGH, ScreenReason.PROTOCOL_COUNT, anyAnswered);
        }
        if (officerBelievesHighDanger) {
            return new ScreenResult(DangerLevel.HIGH, ScreenReason.OFFICER_JUDGMENT, anyAnswered);
        }
        return new ScreenResult(DangerLevel.STANDARD, ScreenReason.NOT_SCREENED_IN, anyAnswered);
    }

    private static int questionNumber(String key) {
        return Integer.parseInt(key.substring(1));
    }
}
