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
import org.jspecify.annotations.Nullable;

/**
 * Where the stack runs: the repository it starts the apps from, the folder it keeps its data in, its ports
 * (for a service, its first instance's), how long it may take to become ready and how many instances of each
 * service it runs.
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
        Duration readyWithin,
        int instances) {

    /** The further instances of a service listen this many ports above the first (8081, 8181, 8281, ...). */
    public static final int INSTANCE_STRIDE = 100;

    /** At most this many instances of each service on one machine. */
    public static final int MAX_INSTANCES = 5;

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
                Duration.ofMinutes(2),
                1);
    }

    /** The same stack with {@code count} instances of each service (1 to {@link #MAX_INSTANCES}). */
    public StackConfig withInstances(int count) {
        if (count < 1 || count > MAX_INSTANCES) {
            throw new StackFailure(
                    "--instances takes a number from 1 to " + MAX_INSTANCES + "; " + count + " was given.");
        }
        return new StackConfig(
                repository,
                dataDir,
                gateway,
                identity,
                intake,
                caseService,
                referral,
                notification,
                reporting,
                console,
                kafka,
                kafkaController,
                mongo,
                smtp,
                mailViewer,
                readyWithin,
                count);
    }

    /** The port of a service's instance {@code index} (0 is the first), from its first instance's port. */
    public static int instancePort(int firstPort, int index) {
        return firstPort + INSTANCE_STRIDE * index;
    }

    /**
     * Free ports chosen now, for a stack that must not collide with a running one (tests): all different, and
     * below the range the system hands out to outgoing connections, so that no connection made while the stack
     * starts can take one before its server binds it.
     */
    public static StackConfig onFreePorts(Path repository, Path dataDir, Duration readyWithin) {
        return onFreePorts(repository, dataDir, readyWithin, 1);
    }

    /** As {@link #onFreePorts(Path, Path, Duration)}, with {@code instances} of each service, their ports free too. */
    public static StackConfig onFreePorts(Path repository, Path dataDir, Duration readyWithin, int instances) {
        Iterator<Integer> ports;
        try {
            ports = freePorts(13, instances).iterator();
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
                readyWithin,
                instances);
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
     * {@code count} different ports, each free when chosen together with the ports its further instances would
     * take ({@link #instancePort}), from {@link #FIRST_PORT} up to the start of the outgoing-connection range. The
     * sockets that prove them free are held until all are chosen, so no two are the same.
     */
    static List<Integer> freePorts(int count, int instances) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int siblings = 0;
            for (int attempt = 0; held.size() - siblings < count; attempt++) {
                if (attempt > MAX_ATTEMPTS) {
                    throw new StackFailure("Found only " + (held.size() - siblings) + " of " + count
                            + " free ports between "
                            + FIRST_PORT + " and " + FIRST_EPHEMERAL_PORT + ".");
                }
                int last = FIRST_EPHEMERAL_PORT - INSTANCE_STRIDE * (instances - 1);
                int first = FIRST_PORT + RANDOM.nextInt(last - FIRST_PORT);
                List<ServerSocket> family = new ArrayList<>();
                for (int index = 0; index < instances; index++) {
                    int port = instancePort(first, index);
                    // an earlier stack's port is never given again: its closed connections may hold it a minute
                    ServerSocket socket = GIVEN.add(port) ? bound(port) : null;
                    if (socket == null) {
                        break;
                    }
                    family.add(socket);
                }
                if (family.size() == instances) {
                    held.addAll(family);
                    siblings += instances - 1;
                } else {
                    for (ServerSocket socket : family) {
                        socket.close();
                    }
                }
            }
            List<Integer> firsts = new ArrayList<>();
            for (int index = 0; index < held.size(); index += instances) {
                firsts.add(held.get(index).getLocalPort());
            }
            return firsts;
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

    /**
     * The port bound as strictly as a server that does not reuse addresses (a port with closed connections still
     * waiting, TIME_WAIT, is refused here too), or null when it is taken.
     */
    private static @Nullable ServerSocket bound(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port), 1);
            return socket;
        } catch (IOException taken) {
            socket.close();
            return null;
        }
    }
}
