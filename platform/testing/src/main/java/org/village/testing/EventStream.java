package org.village.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Server-Sent Events stream as a client reads it: the status, then each event (name and data) as it arrives,
 * parsed on a thread of its own. An error answer's body is kept as text.
 */
public final class EventStream implements AutoCloseable {

    /** One event: its name ({@code message} when unnamed) and its data lines joined by newlines. */
    public record Event(String name, String data) {}

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final @Nullable String errorBody;
    private final CountDownLatch ended = new CountDownLatch(1);

    EventStream(HttpResponse<InputStream> response) throws IOException {
        this.response = response;
        if (response.statusCode() >= 400) {
            try (InputStream body = response.body()) {
                errorBody = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
            return;
        }
        errorBody = null;
        Thread reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public int status() {
        return response.statusCode();
    }

    public @Nullable String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of an error answer (problem details); null for an open stream. */
    public @Nullable String errorBody() {
        return errorBody;
    }

    /** The next event, or null when none arrives in time. */
    public @Nullable Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event of a name, skipping others; null when none arrives in time. */
    public @Nullable Event next(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Event event = next(Duration.ofNanos(deadline - System.nanoTime()));
            if (event != null && event.name().equals(name)) {
                return event;
            }
        }
        return null;
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(name, data.toString()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "")
                            .append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException closed) {
            // the stream ended: closed by the test or by the server
        } finally {
            ended.countDown();
        }
    }

    /** Whether the stream ended (the server closed it) within {@code timeout}. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
