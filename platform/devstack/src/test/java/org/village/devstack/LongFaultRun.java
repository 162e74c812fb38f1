package org.village.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.village.testing.ApiClient;

/**
 * The full fault run, on a stack of its own: three rounds of killing every service, stopping the broker for 30 s and
 * restarting MongoDB, under 4 intakes a second; prints its figures. Not part of the test command:
 * {@code ./mvnw -B -pl platform/devstack verify -Dit.test=LongFaultRun -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class LongFaultRun {

    @Test
    void threeRoundsOfFaultsUnderLoadLoseAndDoubleNothing() throws Exception {
        Path repository = StackConfig.findRepository();
        try (DevStack stack = DevStack.start(StackConfig.onFreePorts(
                repository,
                repository.resolve("platform/devstack/target/faults-" + UUID.randomUUID()),
                Duration.ofMinutes(3)))) {
            stack.supervise(System.out, Supervisor.Policy.STANDARD);
            ApiClient api = new ApiClient(stack.config().gatewayUrl());
            FaultRun.Report report =
                    new FaultRun(stack, api, user -> StackApi.token(api, user)).run(FaultRun.Plan.LONG);
            System.out.println(report.table());
            assertThat(report.lost()).as(report.table()).isZero();
            assertThat(report.duplicated()).as(report.table()).isZero();
        }
    }
}
