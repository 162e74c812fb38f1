package org.village.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.village.testing.ApiClient;

/**
 * Live streams at a shift change, on a stack of its own with one instance of each service: 2,000 streams (or
 * {@code -Dvillage.streams=N}) opened through the gateway at 200 a second ({@code -Dvillage.streams-per-second=N}),
 * held together for 30 s, a notification fanned out to them, then every client leaving at once; prints its
 * figures. The demo has eight users, so the measurement lifts the per-user limits (the gateway's rate limit and
 * the three streams a user may hold on an instance) that would otherwise refuse a crowd of few users. Not part
 * of the test command: {@code ./mvnw -B -pl platform/devstack verify -Dit.test=StreamCapacityRun -Dtest=None
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class StreamCapacityRun {

    @Test
    void twoThousandStreamsOpenedAtTwoHundredASecondAllOpenAllToldAllClosedQuietly() throws Exception {
        Path repository = StackConfig.findRepository();
        try (DevStack stack = DevStack.start(
                StackConfig.onFreePorts(
                        repository,
                        repository.resolve("platform/devstack/target/streams-" + UUID.randomUUID()),
                        Duration.ofMinutes(4)),
                Map.of(
                        "VILLAGE_GATEWAY_RATELIMIT_REQUESTSPERPERIOD", "1000000",
                        "VILLAGE_NOTIFICATION_STREAMSPERUSER", "1000"))) {
            ApiClient api = new ApiClient(stack.config().gatewayUrl());
            int count = Integer.getInteger("village.streams", 2_000);
            StreamRun.Report report = new StreamRun(stack, api)
                    .run(count, Integer.getInteger("village.streams-per-second", 200), Duration.ofSeconds(30));
            System.out.println(report.table());
            assertThat(report.serverErrors()).as(report.table()).isZero();
            assertThat(report.answers()).as(report.table()).containsOnlyKeys("HTTP 200");
            assertThat(report.opened()).as(report.table()).isEqualTo(count);
            assertThat(report.endedWhileHeld()).as(report.table()).isZero();
            assertThat(report.recipientsStreams()).as(report.table()).isPositive();
            assertThat(report.toldOnStream()).as(report.table()).isEqualTo(report.recipientsStreams());
            assertThat(report.logProblemsAfterLeaving()).as(report.table()).isZero();
            assertThat(report.openAfterwards()).as(report.table()).isTrue();
        }
    }
}
