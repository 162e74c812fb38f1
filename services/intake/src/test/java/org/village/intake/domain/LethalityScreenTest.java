package org.village.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.village.events.DangerLevel;

/** D1: the LAP-11 lethality screen and its scoring. */
class LethalityScreenTest {

    private final LethalityScreen screen = LethalityScreen.LAP_11;

    private ScreenResult score(boolean officerJudgment, String... yes) {
        Map<String, String> given = new HashMap<>();
        for (String key : screen.questionKeys()) {
            given.put(key, "NO");
        }
        for (String key : yes) {
            given.put(key, "YES");
        }
        return screen.score(screen.answers(given), officerJudgment);
    }

    @ParameterizedTest
    @ValueSource(strings = {"q1", "q2", "q3"})
    void highDangerWhenAnyOfFirstThreeIsYes(String question) {
        ScreenResult result = score(false, question);

        assertThat(result.dangerLevel()).isEqualTo(DangerLevel.HIGH);
        assertThat(result.screenReason()).isEqualTo(ScreenReason.PROTOCOL_QUESTIONS_1_3);
        assertThat(result.screenedIn()).isTrue();
        assertThat(result.screenCompleted()).isTrue();
    }

    @Test
    void threeYesAmongFourToElevenIsStandard() {
        ScreenResult result = score(false, "q4", "q7", "q11");

        assertThat(result.dangerLevel()).isEqualTo(DangerLevel.STANDARD);
        assertThat(result.screenReason()).isEqualTo(ScreenReason.NOT_SCREENED_IN);
        assertThat(result.screenedIn()).isFalse();
    }

    @Test
    void fourYesAmongFourToElevenIsHighByProtocolCount() {
        ScreenResult result = score(false, "q4", "q5", "q8", "q10");

        assertThat(result.dangerLevel()).isEqualTo(DangerLevel.HIGH);
        assertThat(result.screenReason()).isEqualTo(ScreenReason.PROTOCOL_COUNT);
    }

    @Test
    void protocolQuestionsOutrankTheCount() {
        assertThat(score(false, "q2", "q4", "q5", "q6", "q7").screenReason())
                .isEqualTo(ScreenReason.PROTOCOL_QUESTIONS_1_3);
    }

    @Test
    void officerJudgmentMakesAnOtherwiseStandardScreenHigh() {
        ScreenResult result = score(true, "q4");

        assertThat(result.dangerLevel()).isEqualTo(DangerLevel.HIGH);
        assertThat(result.screenReason()).isEqualTo(ScreenReason.OFFICER_JUDGMENT);
    }

    @Test
    void allNotAnsweredWithOfficerJudgmentIsHighAndIncomplete() {
        ScreenResult result = screen.score(screen.answers(Map.of()), true);

        assertThat(result.dangerLevel()).isEqualTo(DangerLevel.HIGH);
        assertThat(result.screenReason()).isEqualTo(ScreenReason.OFFICER_JUDGMENT);
        assertThat(result.screenCompleted()).isFalse();
    }

    @Test
    void allNotAnsweredWithoutJudgmentIsStandardAndIncomplete() {
        ScreenResult result = screen.score(screen.answers(Map.of("q1", "NOT_ANSWERED")), false);

        assertThat(result.dangerLevel()).isEqualTo(DangerLevel.STANDARD);
        assertThat(result.screenCompleted()).isFalse();
    }

    @Test
    void notAnsweredNeverCountsAsYes() {
        Map<String, String> given = new HashMap<>();
        for (int i = 1; i <= 11; i++) {
            given.put("q" + i, "NOT_ANSWERED");
        }
        given.put("q4", "YES");
        ScreenResult result = screen.score(screen.answers(given), false);

        assertThat(result.dangerLevel()).isEqualTo(DangerLevel.STANDARD);
        assertThat(result.screenCompleted()).isTrue();
    }

    @Test
    void aMissingQuestionCountsAsNotAnswered() {
        assertThat(screen.answers(Map.of("q2", "NO"))).hasSize(11).containsEntry("q5", Answer.NOT_ANSWERED);
    }

    @Test
    void anUnknownQuestionIsRejectedNamingIt() {
        assertThatThrownBy(() -> screen.answers(Map.of("q12", "YES")))
                .isInstanceOf(InvalidScreenException.class)
                .extracting(e -> ((InvalidScreenException) e).field())
                .isEqualTo("lethalityScreen.answers.q12");
    }

    @Test
    void anUnknownAnswerIsRejected() {
        assertThatThrownBy(() -> screen.answers(Map.of("q1", "MAYBE"))).isInstanceOf(InvalidScreenException.class);
    }

    @Test
    void onlyKnownVersionsExist() {
        assertThat(LethalityScreen.version("LAP-11")).contains(LethalityScreen.LAP_11);
        assertThat(LethalityScreen.version("LAP-12")).isEmpty();
    }
}
