package org.village.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.testing.ApiClient;
import org.village.testing.EventStream;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;

/** Two instances of notification-service: a user's stream on either shows what either sent. */
class StreamsAcrossInstancesIT extends RunningService {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aStreamOnEitherInstanceShowsTheNotificationWhicheverInstanceCreatedIt() throws Exception {
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(NotificationApplication.class)
                .profiles("test")
                .properties("server.port=0", "spring.mail.host=127.0.0.1", "spring.mail.port=" + SMTP_PORT)
                .run()) {
            int secondPort =
                    ((WebServerApplicationContext) second).getWebServer().getPort();
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String advocate = "advocate.x" + suffix;
            String token = TestTokens.token(advocate, "bridges", "ADVOCATE");
            try (EventStream onFirst =
                            new ApiClient("http://localhost:" + port).stream("/api/notifications/stream", token);
                    EventStream onSecond = new ApiClient("http://localhost:" + secondPort)
                            .stream("/api/notifications/stream", token)) {
                assertThat(onFirst.next("unread", WAIT)).isNotNull();
                assertThat(onSecond.next("unread", WAIT)).isNotNull();

                String caseId = "case-x" + suffix;
                kafka.send(TestEvents.record(new CaseOpened(
                        caseId,
                        "intake-" + caseId,
                        "bridges",
                        "riverside-pd",
                        "officer.reyes",
                        DangerLevel.HIGH,
                        Instant.now())));
                kafka.send(TestEvents.record(new AdvocateAssigned(caseId, advocate, null, Instant.now())));

                for (EventStream stream : new EventStream[] {onFirst, onSecond}) {
                    EventStream.Event shown = stream.next("notification", WAIT);
                    assertThat(shown).as("each instance's stream").isNotNull();
                    assertThat(shown.data())
                            .contains("\"caseId\":\"" + caseId + "\"")
                            .contains("CASE_ASSIGNED");
                }
            }
        }
    }
}
