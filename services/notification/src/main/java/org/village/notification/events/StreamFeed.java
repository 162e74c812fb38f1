package org.village.notification.events;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.village.events.NotificationSent;
import org.village.events.Topics;
import org.village.messaging.InboundEvents;
import org.village.notification.api.NotificationStreams;

/**
 * Every instance reads every notification.sent, in a consumer group of its own from the newest record on, and
 * shows the notification on the live streams it serves for the recipient: a user connected to any instance sees
 * what any instance sent.
 */
@Component
public class StreamFeed {

    private final NotificationStreams streams;

    public StreamFeed(NotificationStreams streams) {
        this.streams = streams;
    }

    /** A poll's records at once: a user's unread count is read once for all their notifications in it. */
    @KafkaListener(
            topics = Topics.NOTIFICATION_EVENTS,
            groupId = "notification-streams-${random.uuid}",
            properties = "auto.offset.reset=latest",
            batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        List<NotificationStreams.Sent> sent = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            InboundEvents.decode(record).ifPresent(event -> {
                if (event.data() instanceof NotificationSent one) {
                    sent.add(new NotificationStreams.Sent(one.recipientId(), one.notificationId(), one.sendCount()));
                }
            });
        }
        streams.show(sent);
    }
}
