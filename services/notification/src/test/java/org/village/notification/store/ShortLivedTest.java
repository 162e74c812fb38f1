package org.village.notification.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShortLivedTest {

    @Test
    void aValueReadIsKeptForItsTimeThenReadAgain() {
        ShortLived<String, String> kept = new ShortLived<>(Duration.ofMillis(200), 10);
        kept.put("advocate.avery", "email", kept.beforeReading());

        assertThat(kept.get("advocate.avery")).contains("email");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> kept.get("advocate.avery").isEmpty());
    }

    @Test
    void aValueReadBeforeAChangeHereIsNotKept() {
        ShortLived<String, String> kept = new ShortLived<>(Duration.ofMinutes(1), 10);
        long beforeReading = kept.beforeReading();
        kept.forget("advocate.avery"); // the change is written while the old value is being read

        kept.put("advocate.avery", "in-app only", beforeReading);

        assertThat(kept.get("advocate.avery")).isEmpty();
    }

    @Test
    void aChangeHereIsSeenAtOnce() {
        ShortLived<String, String> kept = new ShortLived<>(Duration.ofMinutes(1), 10);
        kept.put("advocate.avery", "in-app only", kept.beforeReading());
        kept.put("harbor-house", "one webhook", kept.beforeReading());

        kept.forget("advocate.avery");
        assertThat(kept.get("advocate.avery")).isEmpty();
        assertThat(kept.get("harbor-house")).contains("one webhook");

        kept.forgetAll();
        assertThat(kept.get("harbor-house")).isEmpty();
    }

    @Test
    void nothingIsKeptWhenTheTimeIsZeroAndNoMoreThanTheCapacity() {
        ShortLived<String, String> never = new ShortLived<>(Duration.ZERO, 10);
        never.put("advocate.avery", "email", never.beforeReading());
        assertThat(never.get("advocate.avery")).isEmpty();

        ShortLived<Integer, String> small = new ShortLived<>(Duration.ofMinutes(1), 3);
        for (int user = 0; user < 10; user++) {
            small.put(user, "in-app only", small.beforeReading());
        }
        long held = java.util.stream.IntStream.range(0, 10)
                .filter(user -> small.get(user).isPresent())
                .count();
        assertThat(held).isBetween(1L, 3L);
        assertThat(small.get(9)).contains("in-app only");
    }
}
