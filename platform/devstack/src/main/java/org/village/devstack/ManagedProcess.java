package org.village.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** One JVM of the stack: how to start it, where it logs, and how to tell that it is ready. */
public final class ManagedProcess {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private final @Nullable String readinessPath;
    private @Nullable Process process;
    private @Nullable Instant startedAt;

    /** Whether the stack wants it running: set when it is started, cleared when it is stopped (not when killed). */
    private volatile boolean wanted;

    ManagedProcess(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path log,
            int port,
            @Nullable String readinessPath) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.port = port;
        this.readinessPath = readinessPath;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** The running process, to measure what it uses; empty while it is not running. */
    public synchronized Optional<ProcessHandle> handle() {
        return process != null && process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
    }

    synchronized void start() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            startedAt = Instant.now();
            wanted = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /** Ready: the process lives and answers its readiness probe (or, without one, accepts connections). */
    boolean isReady() {
        if (!isAlive()) {
            return false;
        }
        if (readinessPath == null) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + readinessPath))
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    boolean wanted() {
        return wanted;
    }

    /** The process id of the running process, or null when none runs. */
    synchronized @Nullable Long pid() {
        return process != null && process.isAlive() ? process.pid() : null;
    }

    /** When the running process (or the last one) started. */
    synchronized @Nullable Instant startedAt() {
        return startedAt;
    }

    /** The exit code of the last process, once it has ended; null while it runs or before it ever ran. */
    synchronized @Nullable Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    /** Stops the process the way Ctrl-C would (SIGTERM), then forcibly if it does not end in time. */
    synchronized void stop(Duration grace) {
        wanted = false;
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Ends the process at once, as {@code kill -9} does: no shutdown hooks, no flushing. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The last lines of the log, to show why a process did not come up. */
    String tail(int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join(
                    System.lineSeparator(), new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size())));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
