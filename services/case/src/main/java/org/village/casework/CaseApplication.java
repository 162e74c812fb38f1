package org.village.casework;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import com.mongodb.client.MongoDatabase;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
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

    /** The sweeps run once per cluster: the lock lives in this service's own database. */
    @Bean
    LockProvider lockProvider(MongoDatabase database) {
        return new MongoLockProvider(database.getCollection("shedlock"));
    }

    @Bean
    OutboxCollection casesOutbox() {
        return new OutboxCollection(CaseStore.COLLECTION);
    }
}
