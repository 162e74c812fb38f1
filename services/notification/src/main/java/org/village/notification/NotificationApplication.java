package org.village.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.village.messaging.OutboxCollection;
import org.village.notification.store.NotificationStore;

/** notification-service: tells everyone who must act, and keeps track of who acknowledged. */
@SpringBootApplication
public class NotificationApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationApplication.class, args);
    }

    @Bean
    OutboxCollection notificationsOutbox() {
        return new OutboxCollection(NotificationStore.NOTIFICATIONS);
    }
}
