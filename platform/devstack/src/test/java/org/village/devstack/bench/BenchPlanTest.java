package org.village.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.village.devstack.StackFailure;

class BenchPlanTest {

    @Test
    void withoutArgumentsItMeasuresThreeRatesForAMinuteEachWithoutWarmingUp() {
        Bench.Plan plan = Bench.Plan.parse(new String[0]);

        assertThat(plan.rates()).containsExactly(5.0, 20.0, 50.0);
        assertThat(plan.each()).isEqualTo(Duration.ofMinutes(1));
        assertThat(plan.warmup()).isZero();
        assertThat(plan.seed()).isZero();
    }

    @Test
    void itWarmsUpAtTwentyASecondOrAtTheHighestRateMeasuredWhenThatIsLower() {
        Bench.Plan plan = Bench.Plan.parse(new String[] {"--rates", "5,20,50", "--seconds", "30", "--warmup", "120"});

        assertThat(plan.warmup()).isEqualTo(Duration.ofMinutes(2));
        assertThat(plan.each()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.warmupRate()).isEqualTo(20.0);
        assertThat(Bench.Plan.parse(new String[] {"--rates", "1,2", "--warmup", "10"})
                        .warmupRate())
                .isEqualTo(2.0);
        assertThat(Bench.Plan.parse(new String[] {"--seed", "100000", "--seed-rate", "15"}))
                .isEqualTo(new Bench.Plan(List.of(5.0, 20.0, 50.0), Duration.ofMinutes(1), 100000, 15, Duration.ZERO));
    }

    @Test
    void aMistakeIsNamedWithWhatItTakes() {
        assertThatThrownBy(() -> Bench.Plan.parse(new String[] {"--warmup", "two"}))
                .isInstanceOf(StackFailure.class)
                .hasMessage("--warmup needs a number (two was given).");
        assertThatThrownBy(() -> Bench.Plan.parse(new String[] {"--warmup"}))
                .isInstanceOf(StackFailure.class)
                .hasMessageStartingWith("--warmup needs a value: ./village bench");
        assertThatThrownBy(() -> Bench.Plan.parse(new String[] {"--minutes", "2"}))
                .isInstanceOf(StackFailure.class)
                .hasMessageContaining("takes --rates, --seconds, --warmup, --seed and --seed-rate");
    }
}
