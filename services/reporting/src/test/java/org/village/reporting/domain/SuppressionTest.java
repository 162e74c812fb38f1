package org.village.reporting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Small numbers never identify anyone. */
class SuppressionTest {

    private final Suppression fiveOrMore = new Suppression(5);

    @Test
    void countsFromOneToFourAreShownAsFewerThanFiveAndZeroAndFiveAreShown() {
        assertThat(List.of(0L, 1L, 4L, 5L, 12L).stream()
                        .map(count -> fiveOrMore.cell(count).shown())
                        .toList())
                .containsExactly(0L, "<5", "<5", 5L, 12L);
    }

    @Test
    void aTotalIsHiddenWhenExactlyOnePartIsHiddenSinceTheDifferenceWouldShowIt() {
        Suppression.Group group = fiveOrMore.group(17, List.of(10L, 4L, 3L));
        assertThat(group.total().shown()).isEqualTo(17L);
        assertThat(group.parts()).extracting(Cell::shown).containsExactly(10L, "<5", "<5");

        Suppression.Group one = fiveOrMore.group(14, List.of(10L, 4L, 0L));
        assertThat(one.total().shown()).isEqualTo("*");
        assertThat(one.parts()).extracting(Cell::shown).containsExactly(10L, "<5", 0L);
    }

    @Test
    void aTotalBrokenDownTwoWaysIsHiddenWithAPartOfEveryBreakdownThatWouldOtherwiseAddUpToIt() {
        // closed cases: by danger level one part is small; by reason none is, so their sum would give the total
        Suppression.Groups groups = fiveOrMore.groups(13, List.of(List.of(10L, 3L), List.of(6L, 7L, 0L)));
        assertThat(groups.total().shown()).isEqualTo("*");
        assertThat(groups.breakdowns().get(0)).extracting(Cell::shown).containsExactly(10L, "<5");
        assertThat(groups.breakdowns().get(1)).extracting(Cell::shown).containsExactly("*", 7L, 0L);

        Suppression.Groups safe = fiveOrMore.groups(20, List.of(List.of(10L, 10L), List.of(12L, 8L)));
        assertThat(safe.total().shown()).isEqualTo(20L);
        assertThat(safe.breakdowns()).allSatisfy(parts -> assertThat(parts).noneMatch(Cell::suppressed));
    }

    @Test
    void theThresholdIsConfigurable() {
        assertThat(new Suppression(11).cell(10).shown()).isEqualTo("<11");
        assertThat(new Suppression(3).cell(3).shown()).isEqualTo(3L);
    }
}
