package org.village.notification.api;

import java.io.IOException;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.village.notification.NotificationProperties;
import org.village.notification.domain.Notification;
import org.village.notification.store.NotificationStore;

/**
 * Each user's live streams (Server-Sent Events) on this instance. A new or re-sent notification, whichever
 * instance sent it, is pushed as event {@code notification}, followed by the user's {@code unread} count (once
 * after all of theirs that one poll of notification.sent brought); a comment every 20 s keeps idle connections
 * open through proxies. On shutdown streams are ended first, so that clients reconnect elsewhere and the graceful
 * shutdown does not wait for them. A notification this instance sent
 * to a user with streams here is shown as it was sent, without reading it again.
 */
@Component
public class NotificationStreams implements SmartLifecycle {

    /** How many notifications sent here, not yet shown, are held for the streams at most. */
    private static final int HELD = 1_000;

    private final Map<String, Deque<SseEmitter>> byUser = new ConcurrentHashMap<>();

    /**
     * Notifications sent by this instance to users with streams here, by id and send, until their
     * notification.sent comes back: the oldest are dropped (and read again when shown).
     */
    private final Map<String, Notification> sentHere = new LinkedHashMap<>(HELD, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Notification> eldest) {
            return size() > HELD;
        }
    };

    private volatile boolean running;
    private final NotificationStore store;
    private final NotificationProperties properties;

    public NotificationStreams(NotificationStore store, NotificationProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /**
     * Opens a stream for a user; it starts with their unread count. A user holds at most
     * {@code village.notification.streams-per-user} streams on an instance: a new one ends their oldest.
     */
    public SseEmitter open(String userId) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Deque<SseEmitter> streams = byUser.computeIfAbsent(userId, id -> new ConcurrentLinkedDeque<>());
        streams.addLast(emitter);
        while (streams.size() > properties.streamsPerUser()) {
            SseEmitter oldest = streams.pollFirst();
            if (oldest != null && oldest != emitter) {
                oldest.complete();
            }
        }
        Runnable forget = () -> streams.remove(emitter);
        emitter.onCompletion(forget);
        emitter.onTimeout(forget);
        emitter.onError(error -> forget.run());
        send(
                userId,
                emitter,
                SseEmitter.event().name("unread").data(store.unreadCount(userId), MediaType.APPLICATION_JSON));
        return emitter;
    }

    /**
     * Holds a notification this instance has just written (new or re-sent) until its notification.sent is
     * {@link #show shown}, when its recipient has streams here.
     */
    public void sent(Notification notification) {
        if (hasStreams(notification.recipient().userId())) {
            synchronized (sentHere) {
                sentHere.put(sendKey(notification.notificationId(), notification.sendCount()), notification);
            }
        }
    }

    /** A notification.sent: which send of which notification, to whom. */
    public record Sent(String userId, String notificationId, int sendCount) {}

    /**
     * Shows notifications on their recipients' streams here, for those with any: each as this instance sent it,
     * or as stored; then each recipient's unread count, read once for all of theirs.
     */
    public void show(List<Sent> sent) {
        Map<String, Deque<SseEmitter>> shownTo = new LinkedHashMap<>();
        for (Sent one : sent) {
            Notification held;
            synchronized (sentHere) {
                held = sentHere.remove(sendKey(one.notificationId(), one.sendCount()));
            }
            Deque<SseEmitter> streams = byUser.get(one.userId());
            if (streams == null || streams.isEmpty()) {
                continue;
            }
            Optional<Notification> notification = held != null ? Optional.of(held) : store.find(one.notificationId());
            notification.ifPresent(shown -> {
                publish(shown, streams);
                shownTo.put(one.userId(), streams);
            });
        }
        shownTo.forEach((userId, streams) -> {
            NotificationStore.UnreadCount unread = store.unreadCount(userId);
            for (SseEmitter emitter : streams) {
                send(userId, emitter, SseEmitter.event().name("unread").data(unread, MediaType.APPLICATION_JSON));
            }
        });
    }

    private boolean hasStreams(String userId) {
        Deque<SseEmitter> streams = byUser.get(userId);
        return streams != null && !streams.isEmpty();
    }

    private static String sendKey(String notificationId, int sendCount) {
        return notificationId + ":" + sendCount;
    }

    private void publish(Notification notification, Deque<SseEmitter> streams) {
        String userId = notification.recipient().userId();
        NotificationView view = NotificationView.of(notification);
        for (SseEmitter emitter : streams) {
            send(
                    userId,
                    emitter,
                    SseEmitter.event()
                            .name("notification")
                            .id(notification.notificationId() + ":" + notification.sendCount())
                            .data(view, MediaType.APPLICATION_JSON));
        }
    }

    @Scheduled(fixedDelay = 20_000)
    void keepAlive() {
        byUser.forEach((userId, streams) -> streams.forEach(
                emitter -> send(userId, emitter, SseEmitter.event().comment("keep-alive"))));
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        byUser.values().forEach(streams -> streams.forEach(SseEmitter::complete));
        byUser.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private boolean send(String userId, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            synchronized (emitter) {
                emitter.send(event);
            }
            return true;
        } catch (IOException | IllegalStateException gone) {
            Deque<SseEmitter> streams = byUser.get(userId);
            if (streams != null) {
                streams.remove(emitter);
            }
            // the reader has gone: end the stream quietly (an error completion would be logged as a failure)
            try {
                emitter.complete();
            } catch (IllegalStateException alreadyOver) {
                // the container had already ended it (its client's error came first): nothing is left to end, and
                // the keep-alive round goes on to the other streams
            }
            return false;
        }
    }
}
