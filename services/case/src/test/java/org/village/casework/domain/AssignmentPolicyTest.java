package org.village.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** D2 assignment. */
class AssignmentPolicyTest {

    private static final List<String> ADVOCATES = List.of("advocate.blake", "advocate.avery", "advocate.casey");

    @Test
    void fewestOpenHighCasesWinsFirst() {
        Map<String, AdvocateLoad> loads = Map.of(
                "advocate.avery", new AdvocateLoad("advocate.avery", 2, 2),
                "advocate.blake", new AdvocateLoad("advocate.blake", 1, 9),
                "advocate.casey", new AdvocateLoad("advocate.casey", 3, 3));

        assertThat(AssignmentPolicy.choose(ADVOCATES, loads)).contains("advocate.blake");
    }

    @Test
    void tiesOnHighLoadAreBrokenByFewestOpenCases() {
        Map<String, AdvocateLoad> loads = Map.of(
                "advocate.avery", new AdvocateLoad("advocate.avery", 1, 5),
                "advocate.blake", new AdvocateLoad("advocate.blake", 1, 2),
                "advocate.casey", new AdvocateLoad("advocate.casey", 1, 4));

        assertThat(AssignmentPolicy.choose(ADVOCATES, loads)).contains("advocate.blake");
    }

    @Test
    void fullTiesAreBrokenByNameSoTheChoiceIsDeterministic() {
        assertThat(AssignmentPolicy.choose(ADVOCATES, Map.of())).contains("advocate.avery");
        assertThat(AssignmentPolicy.choose(List.of("advocate.casey", "advocate.avery"), Map.of()))
                .contains("advocate.avery");
    }

    @Test
    void anAdvocateWithoutCasesCountsAsEmpty() {
        Map<String, AdvocateLoad> loads = Map.of("advocate.avery", new AdvocateLoad("advocate.avery", 0, 1));

        assertThat(AssignmentPolicy.choose(List.of("advocate.avery", "advocate.blake"), loads))
                .contains("advocate.blake");
    }

    @Test
    void anAgencyWithoutAdvocatesAssignsNobody() {
        assertThat(AssignmentPolicy.choose(List.of(), Map.of())).isEmpty();
    }
}
