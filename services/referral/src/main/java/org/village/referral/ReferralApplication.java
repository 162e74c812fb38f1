package org.village.referral;

import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.village.messaging.OutboxCollection;
import org.village.referral.store.ReferralStore;
import org.village.referral.store.ShelterStore;

/** referral-service: shelters, their beds, and referrals to them. */
@SpringBootApplication
@EnableConfigurationProperties(ReferralProperties.class)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
public class ReferralApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReferralApplication.class, args);
    }

    @Bean
    OutboxCollection sheltersOutbox() {
        return new OutboxCollection(ShelterStore.COLLECTION);
    }

    @Bean
    OutboxCollection referralsOutbox() {
        return new OutboxCollection(ReferralStore.COLLECTION);
    }
}
