package org.village.console;

import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live part of the console: one stream of the user's notifications from the gateway per signed-in session,
 * shared by every page that session has open, passed on to the browser as a bare signal ("something new") on
 * which the page refreshes its live parts. Nothing of a notification's content travels on it. A heartbeat finds
 * closed pages; the upstream stream closes once a session has no page open for a while, or has gone idle.
 */
@Component
class LiveFeeds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveFeeds.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** How long an upstream stream outlives the session's last open page (a click to the next page reuses it). */
    private static final Duration LINGER = Duration.ofSeconds(45);

    private static final long PAGE_TIMEOUT_MILLIS = Duration.ofMinutes(20).toMillis();

    private final String streamUrl;
    private final IdleSessions idle;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ExecutorService readers = Executors.newCachedThreadPool(daemon("console-live-"));
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(daemon("console-beat-"));
    private final ConcurrentHashMap<String, Feed> feeds = new ConcurrentHashMap<>();

    LiveFeeds(VillageApi api, IdleSessions idle) {
        this.streamUrl = api.baseUrl() + "/api/notifications/stream";
        this.idle = idle;
        // the beat runs as long as the console does; beats stops with it
        var unused = beats.scheduleWithFixedDelay(
                this::beat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A page of the session joins its feed; the feed's upstream stream opens with the token when it has none. */
    SseEmitter join(HttpSession session, String token) {
        SseEmitter page = new SseEmitter(PAGE_TIMEOUT_MILLIS);
        Feed feed = feeds.computeIfAbsent(session.getId(), id -> new Feed(session));
        feed.pages.add(page);
        page.onCompletion(() -> feed.pages.remove(page));
        page.onTimeout(page::complete);
        page.onError(failure -> feed.pages.remove(page));
        feed.ensureOpen(token);
        return page;
    }

    int openFeeds() {
        return feeds.size();
    }

    private void beat() {
        long now = System.nanoTime();
        for (Iterator<Feed> it = feeds.values().iterator(); it.hasNext(); ) {
            Feed feed = it.next();
            if (idle.expired(feed.session)) {
                feed.pages.forEach(SseEmitter::complete);
                feed.pages.clear();
                feed.close();
                it.remove();
                continue;
            }
            feed.send(SseEmitter.event().comment("beat"));
            if (feed.pages.isEmpty()) {
                if (feed.emptySince == 0) {
                    feed.emptySince = now;
                } else if (now - feed.emptySince > LINGER.toNanos()) {
                    feed.close();
                    it.remove();
                }
            } else {
                feed.emptySince = 0;
            }
        }
    }

    @Override
    public void destroy() {
        beats.shutdownNow();
        feeds.values().forEach(Feed::close);
        readers.shutdownNow();
    }

    private final class Feed {

        final HttpSession session;
        final Set<SseEmitter> pages = ConcurrentHashMap.newKeySet();
        volatile long emptySince;
        private @Nullable Stream<String> upstream;
        private boolean open;

        Feed(HttpSession session) {
            this.session = session;
        }

        synchronized void ensureOpen(String token) {
            if (open) {
                return;
            }
            open = true;
            HttpRequest request = HttpRequest.newBuilder(URI.create(streamUrl))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build();
            readers.execute(() -> read(request));
        }

        private void read(HttpRequest request) {
            try {
                HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() != 200) {
                    log.info("Live notifications unavailable: the gateway answered {}", response.statusCode());
                    response.body().close();
                    return;
                }
                synchronized (this) {
                    upstream = response.body();
                }
                response.body().forEach(line -> {
                    if (line.startsWith("event:") && line.substring(6).strip().equals("notification")) {
                        send(SseEmitter.event().name("notification").data("new"));
                    }
                });
            } catch (IOException | UncheckedIOException | IllegalStateException ended) {
                log.debug("Live notifications stream ended: {}", ended.toString());
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } finally {
                synchronized (this) {
                    open = false;
                    upstream = null;
                }
                // the pages reconnect (EventSource does by itself) and the next join opens a fresh stream
                pages.forEach(SseEmitter::complete);
                pages.clear();
            }
        }

        void send(SseEmitter.SseEventBuilder event) {
            pages.removeIf(page -> {
                try {
                    page.send(event);
                    return false;
                } catch (IOException | IllegalStateException gone) {
                    page.complete();
                    return true;
                }
            });
        }

        synchronized void close() {
            if (upstream != null) {
                upstream.close();
            }
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
