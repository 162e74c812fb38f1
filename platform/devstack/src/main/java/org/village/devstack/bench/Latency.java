package org.village.devstack.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Latencies recorded from many threads (HdrHistogram, 1 µs to 10 min, three significant digits), read in ms. */
final class Latency {

    private final Recorder recorder = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
    private final Histogram total = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);

    void record(long nanos) {
        recorder.recordValue(
                Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), total.getHighestTrackableValue())));
    }

    /** What was recorded, as percentiles in milliseconds. */
    synchronized Figures figures() {
        total.add(recorder.getIntervalHistogram());
        return new Figures(
                total.getTotalCount(),
                at(50),
                at(90),
                at(99),
                total.getTotalCount() == 0 ? 0 : total.getMaxValue() / 1000.0);
    }

    private double at(double percentile) {
        return total.getTotalCount() == 0 ? 0 : total.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Count and milliseconds at p50, p90, p99 and the maximum. */
    record Figures(long count, double p50, double p90, double p99, double max) {}
}
