package org.village.casework;

import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.village.casework.store.CaseStore;
import org.village.messaging.OutboxCollection;

/** case-service: opens and assigns cases, schedules follow-ups, and is where advocates work. */
@SpringBootApplication
@EnableConfigurationProperties(CaseProperties.class)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
public class CaseApplication {

    public static void main(String[] args) {
        SpringApplication.run(CaseApplication.class, args);
    }

    @Bean
    OutboxCollection casesOutbox() {
        return new OutboxCollection(CaseStore.COLLECTION);
    }
}
