package org.village.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the stack runs: the repository it starts the apps from, the folder it keeps its data in, its ports
 * and how long it may take to become ready.
 */
public record StackConfig(
        Path repository,
        Path dataDir,
        int gateway,
        int identity,
        int intake,
        int caseService,
        int referral,
        int notification,
        int reporting,
        int console,
        int kafka,
        int kafkaController,
        int mongo,
        int smtp,
        int mailViewer,
        Duration readyWithin) {

    /** The ports of README.md, data under {@code .village/} in the repository (or VILLAGE_DATA_DIR). */
    public static StackConfig standard(Path repository) {
        String data = System.getenv("VILLAGE_DATA_DIR");
        return new StackConfig(
                repository,
                data == null ? repository.resolve(".village") : Path.of(data),
                8080,
                9000,
                8081,
                8082,
                8083,
                8084,
                8086,
                8085,
                9092,
                9093,
                27017,
                1025,
                8025,
                Duration.ofMinutes(2));
    }

    /** Free ports chosen now, for a stack that must not collide with a running one (tests). */
    public static StackConfig onFreePorts(Path repository, Path dataDir, Duration readyWithin) {
        return new StackConfig(
                repository,
                dataDir,
                free(),
                free(),
                free(),
                free(),
                free(),
                free(),
                free(),
                free(),
                free(),
                free(),
                free(),
                free(),
                free(),
                readyWithin);
    }

    /** The repository root, found from the working directory upwards. */
    public static Path findRepository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("platform/devstack/pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new StackFailure("Run the stack from inside the Village repository (no platform/devstack was found "
                + "above " + Path.of("").toAbsolutePath() + ").");
    }

    public String gatewayUrl() {
        return "http://localhost:" + gateway;
    }

    public String mailViewerUrl() {
        return "http://localhost:" + mailViewer;
    }

    public String issuer() {
        return "http://localhost:" + identity;
    }

    private static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
