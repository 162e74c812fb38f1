package org.village.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** D2 assignment. */
class AssignmentPolicyTest {

    private static final List<String> ADVOCATES = List.of("advocate.blake", "advocate.avery", "advocate.casey");

    /** Loads from a table, remembering which counts were asked for. */
    private static final class Counted implements AssignmentPolicy.Loads {
        private final Map<String, AdvocateLoad> loads;
        private final List<String> asked = new ArrayList<>();

        Counted(Map<String, AdvocateLoad> loads) {
            this.loads = loads;
        }

        private AdvocateLoad of(String advocate) {
            return loads.getOrDefault(advocate, AdvocateLoad.none(advocate));
        }

        @Override
        public long openHigh(String advocate) {
            asked.add("high " + advocate);
            return of(advocate).openHigh();
        }

        @Override
        public long open(String advocate) {
            asked.add("open " + advocate);
            return of(advocate).open();
        }
    }

    @Test
    void fewestOpenHighCasesWinsFirst() {
        Counted loads = new Counted(Map.of(
                "advocate.avery", new AdvocateLoad("advocate.avery", 2, 2),
                "advocate.blake", new AdvocateLoad("advocate.blake", 1, 9),
                "advocate.casey", new AdvocateLoad("advocate.casey", 3, 3)));

        assertThat(AssignmentPolicy.choose(ADVOCATES, loads)).contains("advocate.blake");
        assertThat(loads.asked)
                .as("no tie, so nobody's open cases are counted")
                .containsExactly("high advocate.blake", "high advocate.avery", "high advocate.casey");
    }

    @Test
    void tiesOnHighLoadAreBrokenByFewestOpenCases() {
        Counted loads = new Counted(Map.of(
                "advocate.avery", new AdvocateLoad("advocate.avery", 1, 5),
                "advocate.blake", new AdvocateLoad("advocate.blake", 1, 2),
                "advocate.casey", new AdvocateLoad("advocate.casey", 1, 4)));

        assertThat(AssignmentPolicy.choose(ADVOCATES, loads)).contains("advocate.blake");
    }

    @Test
    void onlyTheAdvocatesTiedAtTheFewestHighCasesHaveTheirOpenCasesCounted() {
        Counted loads = new Counted(Map.of(
                "advocate.avery", new AdvocateLoad("advocate.avery", 1, 7),
                "advocate.blake", new AdvocateLoad("advocate.blake", 2, 0),
                "advocate.casey", new AdvocateLoad("advocate.casey", 1, 3)));

        assertThat(AssignmentPolicy.choose(ADVOCATES, loads)).contains("advocate.casey");
        assertThat(loads.asked)
                .contains("open advocate.avery", "open advocate.casey")
                .doesNotContain("open advocate.blake");
    }

    @Test
    void fullTiesAreBrokenByNameSoTheChoiceIsDeterministic() {
        assertThat(AssignmentPolicy.choose(ADVOCATES, new Counted(Map.of()))).contains("advocate.avery");
        assertThat(AssignmentPolicy.choose(List.of("advocate.casey", "advocate.avery"), new Counted(Map.of())))
                .contains("advocate.avery");
    }

    @Test
    void anAdvocateWithoutCasesCountsAsEmpty() {
        Counted loads = new Counted(Map.of("advocate.avery", new AdvocateLoad("advocate.avery", 0, 1)));

        assertThat(AssignmentPolicy.choose(List.of("advocate.avery", "advocate.blake"), loads))
                .contains("advocate.blake");
    }

    @Test
    void anAgencyWithoutAdvocatesAssignsNobody() {
        assertThat(AssignmentPolicy.choose(List.of(), new Counted(Map.of()))).isEmpty();
        assertThat(AssignmentPolicy.choose(List.of("advocate.avery"), new Counted(Map.of())))
                .contains("advocate.avery");
    }
}
