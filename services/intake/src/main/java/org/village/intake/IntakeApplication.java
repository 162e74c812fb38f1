package org.village.intake;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.village.intake.store.IntakeStore;
import org.village.messaging.OutboxCollection;

/** intake-service: records intakes with their lethality screen and keeps the survivor's data. */
@SpringBootApplication
public class IntakeApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntakeApplication.class, args);
    }

    @Bean
    OutboxCollection intakesOutbox() {
        return new OutboxCollection(IntakeStore.COLLECTION);
    }
}
