package org.village.notification.api;

import java.time.Clock;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.village.notification.domain.Notification;
import org.village.notification.store.NotificationStore;
import org.village.security.Caller;
import org.village.web.ApiProblem;
import org.village.web.Page;
import org.village.web.PageRequest;

/** Each user's own inbox: read it, acknowledge what was read. */
@RestController
public class NotificationController {

    private final NotificationStore store;
    private final Clock clock;

    public NotificationController(NotificationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A notification as its recipient sees it. */
    record NotificationView(String notificationId, String kind, String priority, String title, String body,
                            String caseId, Instant createdAt, Instant acknowledgedAt, boolean requiresAck,
                            int sendCount) {
        static NotificationView of(Notification n) {
            return new NotificationView(n.notificationId(), n.kind().name(), n.priority().name(), n.title(),
                    n.body(), n.caseId(), n.createdAt(), n.acknowledgedAt(), n.requiresAck(), n.sendCount());
        }
    }

    @GetMapping("/api/notifications")
    public Page<NotificationView> inbox(Caller caller,
                                        @RequestParam(required = false) Boolean unread,
                                        @RequestParam(required = false) Integer limit,
                                        @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return page.page(store.inbox(caller.userId(), Boolean.TRUE.equals(unread), page), Notification::createdAt,
                Notification::notificationId, NotificationView::of);
    }

    @PostMapping("/api/notifications/{notificationId}/ack")
    public ResponseEntity<Void> acknowledge(Caller caller, @PathVariable String notificationId) {
        if (!store.acknowledge(notificationId, caller.userId(), clock.instant())) {
            throw ApiProblem.notFound("Notification " + notificationId);
        }
        return ResponseEntity.noContent().build();
    }
}
