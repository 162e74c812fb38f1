package org.village.devstack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.village.events.DemoUsers;
import org.village.events.DemoUsers.DemoUser;

/** What the stack says when it cannot start: one sentence a person can act on. */
class DevStackTest {

    @TempDir
    Path data;

    @Test
    void aTakenPortIsNamedInOneSentence() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            StackConfig free = StackConfig.onFreePorts(data, data, Duration.ofSeconds(5));
            StackConfig config = new StackConfig(
                    free.repository(),
                    free.dataDir(),
                    taken.getLocalPort(),
                    free.identity(),
                    free.intake(),
                    free.caseService(),
                    free.referral(),
                    free.notification(),
                    free.reporting(),
                    free.console(),
                    free.kafka(),
                    free.kafkaController(),
                    free.mongo(),
                    free.smtp(),
                    free.mailViewer(),
                    free.readyWithin(),
                    1);

            assertThatThrownBy(() -> DevStack.start(config))
                    .isInstanceOf(StackFailure.class)
                    .hasMessage("Port " + taken.getLocalPort() + " (gateway) is already in use: stop whatever holds it "
                            + "(perhaps Village is already running) and start again.");
        }
    }

    @Test
    void theBannerListsEveryDemoUserWithTheirRoleAndOrganisation() {
        String banner =
                DevStack.banner(StackConfig.onFreePorts(data, data, Duration.ofSeconds(5)), Duration.ofSeconds(9));

        Assertions.assertThat(banner)
                .contains("Demo users (password: village)")
                .contains("  officer.reyes, officer.chen     OFFICER        riverside-pd")
                .contains("  advocate.avery, advocate.blake  ADVOCATE       bridges")
                .contains("  shelter.haven                   SHELTER_STAFF  safe-haven")
                .contains("  admin                           ADMIN          village");
        for (DemoUser user : DemoUsers.all()) {
            Assertions.assertThat(banner).contains(user.username());
        }
    }

    @Test
    void unbuiltAppsAreNamedWithTheCommandThatBuildsThem() {
        assertThatThrownBy(() -> DevStack.start(StackConfig.onFreePorts(data, data, Duration.ofSeconds(5))))
                .isInstanceOf(StackFailure.class)
                .hasMessageStartingWith("The apps are not built yet")
                .hasMessageContaining("./mvnw -DskipTests package");
        Assertions.assertThat(Files.exists(data.resolve("logs"))).isFalse();
    }

    @Test
    void testStacksGetDifferentPortsThatNoOutgoingConnectionCanTake() {
        for (int stack = 0; stack < 50; stack++) {
            StackConfig config = StackConfig.onFreePorts(data, data, Duration.ofSeconds(5), 1 + stack % 3);
            List<Integer> ports = List.of(
                    config.gateway(),
                    config.identity(),
                    config.intake(),
                    config.caseService(),
                    config.referral(),
                    config.notification(),
                    config.reporting(),
                    config.console(),
                    config.kafka(),
                    config.kafkaController(),
                    config.mongo(),
                    config.smtp(),
                    config.mailViewer());

            List<Integer> all = new ArrayList<>(ports);
            for (int index = 1; index < config.instances(); index++) {
                for (int first : List.of(
                        config.intake(),
                        config.caseService(),
                        config.referral(),
                        config.notification(),
                        config.reporting())) {
                    all.add(StackConfig.instancePort(first, index));
                }
            }
            Assertions.assertThat(all)
                    .doesNotHaveDuplicates()
                    .allSatisfy(port -> Assertions.assertThat(port)
                            .isBetween(StackConfig.FIRST_PORT, StackConfig.FIRST_EPHEMERAL_PORT - 1));
        }
    }

    /**
     * A database node that cannot have its port ends at once: left running, it looked ready (another process
     * answered on the port) and every service waited on a database that was not there.
     */
    @Test
    void aMongoNodeWhosePortIsTakenStops() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process node = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            MongoNode.class.getName(),
                            data.resolve("mongodb/village.mv").toString(),
                            String.valueOf(taken.getLocalPort()))
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolve("node.log").toFile())
                    .start();
            try {
                Assertions.assertThat(node.waitFor(60, TimeUnit.SECONDS))
                        .as("the node ended")
                        .isTrue();
                Assertions.assertThat(node.exitValue()).isEqualTo(1);
                Assertions.assertThat(Files.readString(data.resolve("node.log")))
                        .contains("Could not start: java.net.BindException");
            } finally {
                node.destroyForcibly();
            }
        }
    }

    @Test
    void instancesAreAskedForInOneArgumentAndAnythingElseIsNamed() {
        Assertions.assertThat(DevStack.instances(new String[0])).isEqualTo(1);
        Assertions.assertThat(DevStack.instances(new String[] {"--instances", "3"}))
                .isEqualTo(3);
        Assertions.assertThat(DevStack.instances(new String[] {"--instances=2"}))
                .isEqualTo(2);
        assertThatThrownBy(() -> DevStack.instances(new String[] {"--instances", "many"}))
                .hasMessage("--instances needs a number: ./village --instances 3 (many was given).");
        assertThatThrownBy(() -> DevStack.instances(new String[] {"--instance", "3"}))
                .hasMessage("Unknown argument --instance: ./village takes --instances N, or the commands status and "
                        + "secrets.");
        assertThatThrownBy(() -> StackConfig.standard(data).withInstances(9))
                .hasMessage("--instances takes a number from 1 to 5; 9 was given.");
    }

    @Test
    void withSeveralInstancesTheBannerSaysWhereTheOthersListen() {
        StackConfig three = StackConfig.standard(data).withInstances(3);

        Assertions.assertThat(DevStack.banner(three, Duration.ofSeconds(9)))
                .contains("3 instances of each, the next ones 100 ports up (intake :8181 ...), the gateway "
                        + "balancing them");
        Assertions.assertThat(DevStack.banner(StackConfig.standard(data), Duration.ofSeconds(9)))
                .doesNotContain("instances of each");
        Assertions.assertThat(DevStack.instance(DevStack.CASE, 0)).isEqualTo("case-service");
        Assertions.assertThat(DevStack.instance(DevStack.CASE, 2)).isEqualTo("case-service-3");
    }
}
