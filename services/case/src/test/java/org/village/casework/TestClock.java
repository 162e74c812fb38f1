package org.village.casework;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.village.testing.MutableClock;

/** The case-service tests' clock, moved by hand; every case IT imports it so that they share one context. */
@TestConfiguration
public class TestClock {

    @Bean
    @Primary
    MutableClock clock() {
        return new MutableClock(Instant.now());
    }
}
