package org.village.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.events.Priority;
import org.village.events.TaskScheduled;
import org.village.events.Topics;
import org.village.notification.store.NotificationStore;
import org.village.testing.TestEvents;
import org.village.testing.TopicReader;
import org.village.testing.VillageInfrastructure;

/**
 * How fast case events become notifications on the embedded infrastructure (real KRaft broker, mongo-java-server
 * memory backend): prints events/s and notifications/s. Not part of {@code verify}; run it with
 * {@code ./mvnw -B -pl services/notification verify -Dit.test=NotificationBenchmark -Dtest=None
 * -Dsurefire.failIfNoSpecifiedTests=false} and read the figures in
 * {@code target/failsafe-reports/org.village.notification.NotificationBenchmark-output.txt}.
 */
class NotificationBenchmark extends RunningService {

    private static final int CASES = 1_000;

    @Test
    void caseEventsToNotifications() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < CASES; i++) {
            String caseId = "bench-" + run + "-" + i;
            records.add(TestEvents.record(new CaseOpened(
                    caseId,
                    "intake-" + caseId,
                    "bridges",
                    "riverside-pd",
                    "officer.reyes",
                    i % 3 == 0 ? DangerLevel.HIGH : DangerLevel.STANDARD,
                    now)));
            records.add(TestEvents.record(
                    new AdvocateAssigned(caseId, i % 2 == 0 ? "advocate.avery" : "advocate.blake", null, now)));
            records.add(TestEvents.record(new TaskScheduled(
                    caseId + ":W",
                    caseId,
                    "OFFICER_WELFARE_CHECK",
                    "officer.reyes",
                    "OFFICER",
                    now.plus(Duration.ofDays(3)),
                    Priority.HIGH)));
        }

        long started = System.nanoTime();
        records.forEach(kafka::send);
        kafka.flush();
        TopicReader.awaitCaughtUp(
                VillageInfrastructure.get().kafkaBootstrapServers(),
                "notification-service",
                List.of(Topics.CASE_EVENTS),
                Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - started) / 1e9;

        long notifications = database.getCollection(NotificationStore.NOTIFICATIONS)
                .countDocuments(Filters.regex("caseId", "^bench-" + run + "-"));
        assertThat(notifications)
                .as("CASE_ASSIGNED, CASE_OPENED and TASK_SCHEDULED per case")
                .isEqualTo(3L * CASES);
        System.out.println(String.format(
                Locale.ROOT,
                "BENCHMARK notification-service: %d events -> %d notifications in %.2f s: %.0f events/s, "
                        + "%.0f notifications/s (embedded KRaft broker, mongo-java-server memory backend)",
                records.size(),
                notifications,
                seconds,
                records.size() / seconds,
                notifications / seconds));
    }
}
