package org.village.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    /** Test stacks take ports from here up; the default stack's ports (1025 to 27017) lie below. */
    static final int FIRST_PORT = 28000;

    /** Where Linux starts to hand out ports to outgoing connections (net.ipv4.ip_local_port_range). */
    static final int FIRST_EPHEMERAL_PORT = 32768;

    private static final int MAX_ATTEMPTS = 1000;
    private static final Random RANDOM = new SecureRandom();
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

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

    /**
     * Free ports chosen now, for a stack that must not collide with a running one (tests): all different, and
     * below the range the system hands out to outgoing connections, so that no connection made while the stack
     * starts can take one before its server binds it.
     */
    public static StackConfig onFreePorts(Path repository, Path dataDir, Duration readyWithin) {
        Iterator<Integer> ports;
        try {
            ports = freePorts(13).iterator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new StackConfig(
                repository,
                dataDir,
                ports.next(),
                ports.next(),
                ports.next(),
                ports.next(),
                ports.next(),
                ports.next(),
                ports.next(),
                ports.next(),
                ports.next(),
                ports.next(),
                ports.next(),
                ports.next(),
                ports.next(),
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

    /**
     * {@code count} different ports, each free when chosen, from {@link #FIRST_PORT} up to the start of the
     * outgoing-connection range. The sockets that prove them free are held until all are chosen, so no two are
     * the same.
     */
    static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int attempt = 0; held.size() < count; attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new StackFailure("Found only " + held.size() + " of " + count + " free ports between "
                            + FIRST_PORT + " and " + FIRST_EPHEMERAL_PORT + ".");
                }
                int port = FIRST_PORT + RANDOM.nextInt(FIRST_EPHEMERAL_PORT - FIRST_PORT);
                if (!GIVEN.add(port)) {
                    continue; // an earlier stack's: its closed connections may still hold it for a minute
                }
                ServerSocket socket = new ServerSocket();
                try {
                    // as strict as a server that does not reuse addresses: a port with closed connections
                    // still waiting (TIME_WAIT) is refused here too
                    socket.setReuseAddress(false);
                    socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port), 1);
                    held.add(socket);
                } catch (IOException taken) {
                    socket.close();
                }
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            held.forEach(socket -> {
                try {
                    socket.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
