package org.village.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchCapacityTest {

    private static Bench.Row row(long stored, double offered, double achieved, long refused, double p99, long backlog) {
        Latency.Figures latency = new Latency.Figures(100, 40, 60, p99, p99);
        return new Bench.Row(
                stored,
                new Floor.Result(offered, offered, latency, 0),
                new Flow.Result(
                        offered,
                        achieved,
                        (long) (offered * 60) - refused,
                        refused,
                        Map.of(),
                        latency,
                        latency,
                        latency,
                        Map.of(),
                        backlog,
                        0,
                        Map.of(),
                        Map.of()));
    }

    @Test
    void theCapacityIsTheHighestRateHeldForEachAmountStored() {
        List<Bench.Row> rows = List.of(
                row(0, 30, 30, 0, 400, 3),
                row(0, 40, 39.8, 0, 1_900, 60),
                row(0, 50, 49.9, 0, 9_000, 900),
                row(100_000, 30, 30, 0, 800, 10),
                row(100_000, 40, 40, 0, 2_400, 70));

        assertThat(Bench.capacity(rows, 0)).isEqualTo(40);
        assertThat(Bench.capacity(rows, 100_000)).isEqualTo(30);
        assertThat(Bench.table(rows))
                .contains("        0 stored: 40 intakes/s")
                .contains("   100000 stored: 30 intakes/s");
        assertThat(Bench.json(rows, Bench.Plan.parse(new String[0])))
                .contains("\"capacity\": {\"0\": 40.00, \"100000\": 30.00}");
    }

    @Test
    void aRateIsNotHeldWhenPostsAreRefusedOrFallShortOrTheBacklogGrows() {
        assertThat(row(0, 20, 20, 1, 300, 0).held()).as("a refused post").isFalse();
        assertThat(row(0, 20, 18, 0, 300, 0).held()).as("18 of 20 a second").isFalse();
        assertThat(row(0, 20, 20, 0, 300, 41).held())
                .as("more than 2 s of arrivals untold")
                .isFalse();
        assertThat(row(0, 20, 20, 0, 2_001, 0).held()).as("p99 above 2 s").isFalse();
        assertThat(row(0, 20, 19.5, 0, 2_000, 40).held()).isTrue();
        assertThat(Bench.capacity(List.of(row(0, 50, 20, 0, 9_000, 900)), 0)).isZero();
        assertThat(Bench.table(List.of(row(0, 50, 20, 0, 9_000, 900))))
                .contains("0 stored: none of the rates measured");
    }
}
