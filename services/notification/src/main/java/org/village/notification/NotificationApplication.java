package org.village.notification;

import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.village.messaging.OutboxCollection;
import org.village.notification.store.NotificationStore;

/** notification-service: tells everyone who must act, reminds them, escalates, and keeps track of who acknowledged. */
@SpringBootApplication
@EnableConfigurationProperties(NotificationProperties.class)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
public class NotificationApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationApplication.class, args);
    }

    @Bean
    OutboxCollection notificationsOutbox() {
        return new OutboxCollection(NotificationStore.NOTIFICATIONS);
    }
}
