package org.village.notification.api;

import java.time.Clock;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.village.notification.domain.Notification;
import org.village.notification.store.NotificationStore;
import org.village.security.Caller;
import org.village.web.ApiProblem;
import org.village.web.Page;
import org.village.web.PageRequest;

/** Each user's own inbox: read it, count what is unread, follow it live, acknowledge what was read. */
@RestController
public class NotificationController {

    private final NotificationStore store;
    private final NotificationStreams streams;
    private final Clock clock;

    public NotificationController(NotificationStore store, NotificationStreams streams, Clock clock) {
        this.store = store;
        this.streams = streams;
        this.clock = clock;
    }

    @GetMapping("/api/notifications")
    public Page<NotificationView> inbox(
            Caller caller,
            @RequestParam(required = false) Boolean unread,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(
                store.inbox(caller.userId(), Boolean.TRUE.equals(unread), page),
                Notification::createdAt,
                Notification::notificationId,
                NotificationView::of);
    }

    /** {@code {"unread": n, "requiringAck": m}}: the caller's unacknowledged notifications. */
    @GetMapping("/api/notifications/unread-count")
    public NotificationStore.UnreadCount unreadCount(Caller caller) {
        return store.unreadCount(caller.userId());
    }

    /** Server-Sent Events: {@code notification} for each new or re-sent one, then {@code unread}. */
    @GetMapping(path = "/api/notifications/stream", produces = "text/event-stream")
    public SseEmitter stream(Caller caller) {
        return streams.open(caller.userId());
    }

    @PostMapping("/api/notifications/{notificationId}/ack")
    public ResponseEntity<Void> acknowledge(Caller caller, @PathVariable String notificationId) {
        if (!store.acknowledge(notificationId, caller.userId(), clock.instant())) {
            throw ApiProblem.notFound("Notification " + notificationId);
        }
        return ResponseEntity.noContent().build();
    }
}
