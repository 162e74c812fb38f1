package org.village.testing;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Gives a service under test a {@link MutableClock} instead of the system clock. Import it in every test class
 * of a service, so that they share one application context.
 */
@TestConfiguration
public class TestClock {

    @Bean
    @Primary
    MutableClock clock() {
        return new MutableClock(Instant.now());
    }
}
