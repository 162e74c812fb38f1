package org.village.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's supervision, with real processes: one killed is reported in a line and started again; one that
 * keeps stopping is reported and left down while the others run on; the status lists each with its port and pid.
 */
class SupervisorTest {

    private static final Supervisor.Policy QUICK =
            new Supervisor.Policy(Duration.ofMillis(100), Duration.ofMillis(400), 3, Duration.ofMinutes(1));

    @TempDir
    Path dir;

    private ManagedProcess process(String name, String... command) {
        return new ManagedProcess(
                name, List.of(command), Map.of(), dir.resolve(name + ".log"), 1000 + name.length(), null);
    }

    @Test
    void aKilledPartIsReportedInALineAndStartedAgainWhileAPartThatKeepsStoppingIsLeftDown() throws Exception {
        ManagedProcess steady = process("case-service", "sleep", "600");
        ManagedProcess other = process("referral-service", "sleep", "600");
        ManagedProcess broken = process("notification-service", "false");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path status = dir.resolve("status");
        List.of(steady, other, broken).forEach(ManagedProcess::start);
        try (Supervisor supervisor = new Supervisor(
                        List.of(steady, other, broken),
                        QUICK,
                        new PrintStream(printed, true, StandardCharsets.UTF_8),
                        status)
                .watch()) {
            Long first = steady.pid();
            steady.kill();

            await().atMost(Duration.ofSeconds(10)).until(() -> steady.isAlive() && !first.equals(steady.pid()));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> supervisor.givenUp().contains("notification-service"));
            String lines = printed.toString(StandardCharsets.UTF_8);
            assertThat(lines)
                    .contains("case-service stopped (exit code 137); starting it again in 100 ms")
                    .contains("case-service started again (restart 1)")
                    .contains("notification-service keeps stopping (3 times in 1 min): left down, the rest runs on");
            assertThat(other.isAlive()).isTrue();
            assertThat(other.pid()).isNotNull();

            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(Supervisor.status(status))
                            .contains("case-service", String.valueOf(steady.pid()), "running")
                            .containsPattern("notification-service\\s+\\d+\\s+-\\s+\\S+\\s+down"));
        } finally {
            List.of(steady, other, broken).forEach(process -> process.stop(Duration.ofSeconds(5)));
        }
        assertThat(status).doesNotExist();
        assertThat(Supervisor.status(status)).startsWith("Village is not running here");
    }

    @Test
    void aPartStoppedOnPurposeIsNotStartedAgain() throws Exception {
        ManagedProcess stopped = process("console", "sleep", "600");
        stopped.start();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Supervisor supervisor = new Supervisor(
                        List.of(stopped),
                        QUICK,
                        new PrintStream(printed, true, StandardCharsets.UTF_8),
                        dir.resolve("s"))
                .watch()) {
            stopped.stop(Duration.ofSeconds(5));
            // several rounds of checks, none of which starts it again
            await().during(Duration.ofMillis(1500))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> !stopped.isAlive());
            assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(Files.readString(dir.resolve("s"))).contains("console");
        }
    }
}
