package org.village.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.village.testing.ApiClient;

/**
 * The full fault run, on a stack of its own with three instances of every service (or
 * {@code -Dvillage.instances=N}): three rounds (or {@code -Dvillage.fault-rounds=N}) of killing every instance of every service in turn, stopping the
 * broker for 30 s and restarting MongoDB, under 4 intakes a second; prints its figures. Not part of the test
 * command: {@code ./mvnw -B -pl platform/devstack verify -Dit.test=LongFaultRun -Dtest=None
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class LongFaultRun {

    @Test
    void threeRoundsOfFaultsUnderLoadLoseAndDoubleNothing() throws Exception {
        Path repository = StackConfig.findRepository();
        try (DevStack stack = DevStack.start(StackConfig.onFreePorts(
                repository,
                repository.resolve("platform/devstack/target/faults-" + UUID.randomUUID()),
                Duration.ofMinutes(6),
                Integer.getInteger("village.instances", 3)))) {
            stack.supervise(System.out, Supervisor.Policy.STANDARD);
            ApiClient api = new ApiClient(stack.config().gatewayUrl());
            FaultRun.Report report = new FaultRun(stack, api, user -> StackApi.token(api, user)).run(plan());
            System.out.println(report.table());
            FaultRun.assertClean(report);
        }
    }

    /** Three rounds, or {@code -Dvillage.fault-rounds=N}. */
    private static FaultRun.Plan plan() {
        FaultRun.Plan full = FaultRun.Plan.LONG;
        return new FaultRun.Plan(
                Integer.getInteger("village.fault-rounds", full.rounds()),
                full.intakesPerSecond(),
                full.brokerDown(),
                full.settle(),
                full.killAllAtOnce());
    }
}
