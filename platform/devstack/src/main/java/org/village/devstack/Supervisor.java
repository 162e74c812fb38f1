package org.village.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the local stack running: a part that stops without being asked is reported in one line and started
 * again after a pause that doubles with each stop in a row (up to {@code longestPause}); a part that stopped
 * {@code stopsBeforeGivingUp} times within {@code window} is reported and left down, and the others run on. What
 * runs, on which port, since when, is written to a status file that {@code ./village status} prints.
 */
final class Supervisor implements AutoCloseable {

    /** How the supervisor paces restarts. */
    record Policy(Duration firstPause, Duration longestPause, int stopsBeforeGivingUp, Duration window) {

        static final Policy STANDARD =
                new Policy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(5));

        Duration pauseAfter(int stopsInARow) {
            long millis = firstPause.toMillis() << Math.min(stopsInARow - 1, 20);
            return Duration.ofMillis(Math.min(millis, longestPause.toMillis()));
        }
    }

    private final List<ManagedProcess> processes;
    private final Policy policy;
    private final PrintStream out;
    private final Path statusFile;
    private final ScheduledExecutorService checks;
    private final Map<String, Deque<Instant>> stops = new HashMap<>();
    private final Map<String, Integer> inARow = new HashMap<>();
    private final Map<String, Integer> restarts = new HashMap<>();
    private final Map<String, Instant> restartAt = new HashMap<>();
    private final Set<String> givenUp = new HashSet<>();

    Supervisor(List<ManagedProcess> processes, Policy policy, PrintStream out, Path statusFile) {
        this.processes = List.copyOf(processes);
        this.policy = policy;
        this.out = out;
        this.statusFile = statusFile;
        this.checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "devstack-supervisor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Checks every part twice a second from now on. */
    Supervisor watch() {
        writeStatus();
        // checkSafely reports its own failures: the future holds nothing to wait for
        var unused = checks.scheduleWithFixedDelay(this::checkSafely, 500, 500, TimeUnit.MILLISECONDS);
        return this;
    }

    private void checkSafely() {
        try {
            check(Instant.now());
        } catch (RuntimeException unexpected) {
            out.println("The supervisor could not check the stack: " + unexpected.getMessage());
        }
    }

    /** One round: notices what stopped, restarts what is due, and writes the status. */
    synchronized void check(Instant now) {
        for (ManagedProcess process : processes) {
            String name = process.name();
            if (!process.wanted() || process.isAlive() || givenUp.contains(name)) {
                if (process.isAlive()
                        && process.startedAt() != null
                        && Duration.between(process.startedAt(), now).compareTo(policy.window()) > 0) {
                    inARow.remove(name);
                }
                continue;
            }
            Instant due = restartAt.get(name);
            if (due == null) {
                Deque<Instant> recent = stops.computeIfAbsent(name, key -> new ArrayDeque<>());
                recent.addLast(now);
                while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(policy.window()))) {
                    recent.removeFirst();
                }
                if (recent.size() >= policy.stopsBeforeGivingUp()) {
                    givenUp.add(name);
                    out.println(name + " keeps stopping (" + recent.size() + " times in "
                            + policy.window().toMinutes() + " min): left down, the rest runs on; its log: "
                            + process.log());
                    continue;
                }
                int row = inARow.merge(name, 1, Integer::sum);
                Duration pause = policy.pauseAfter(row);
                restartAt.put(name, now.plus(pause));
                Integer code = process.exitCode();
                out.println(name + " stopped" + (code == null ? "" : " (exit code " + code + ")")
                        + "; starting it again in " + seconds(pause) + "; its log: " + process.log());
            } else if (!now.isBefore(due)) {
                restartAt.remove(name);
                process.start();
                int count = restarts.merge(name, 1, Integer::sum);
                out.println(name + " started again (restart " + count + ")");
            }
        }
        writeStatus();
    }

    /** The parts that were left down. */
    synchronized Set<String> givenUp() {
        return Set.copyOf(givenUp);
    }

    @Override
    public void close() {
        checks.shutdownNow();
        try {
            Files.deleteIfExists(statusFile);
        } catch (IOException ignored) {
            // the next start writes it anew
        }
    }

    private void writeStatus() {
        List<String> lines = new ArrayList<>();
        for (ManagedProcess process : processes) {
            Long pid = process.pid();
            Instant since = process.startedAt();
            String state = pid != null ? "running" : givenUp.contains(process.name()) ? "down" : "restarting";
            lines.add(String.join(
                    "\t",
                    process.name(),
                    String.valueOf(process.port()),
                    pid == null ? "-" : String.valueOf(pid),
                    since == null ? "-" : since.truncatedTo(ChronoUnit.SECONDS).toString(),
                    state,
                    String.valueOf(restarts.getOrDefault(process.name(), 0))));
        }
        try {
            Files.createDirectories(statusFile.getParent());
            Path written = statusFile.resolveSibling(statusFile.getFileName() + ".new");
            Files.write(written, lines, StandardCharsets.UTF_8);
            Files.move(written, statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + statusFile, e);
        }
    }

    /** What {@code ./village status} prints: each part, its port, process, since when, and its state. */
    static String status(Path statusFile) {
        if (!Files.exists(statusFile)) {
            return "Village is not running here (no " + statusFile + ").";
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(statusFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "Cannot read " + statusFile + ": " + e.getMessage();
        }
        StringBuilder text = new StringBuilder(
                String.format("%-22s %6s %8s  %-21s %-11s %s%n", "part", "port", "pid", "since", "state", "restarts"));
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f.length < 6) {
                continue;
            }
            String state = f[4];
            if (state.equals("running") && !alive(f[2])) {
                state = "not running";
            }
            text.append(String.format("%-22s %6s %8s  %-21s %-11s %s%n", f[0], f[1], f[2], f[3], state, f[5]));
        }
        return text.toString();
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid))
                    .map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (NumberFormatException notAPid) {
            return false;
        }
    }

    private static String seconds(Duration pause) {
        return pause.toMillis() % 1000 == 0 ? pause.toSeconds() + " s" : pause.toMillis() + " ms";
    }
}
