package org.village.messaging;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Messaging settings, with their defaults in one place.
 *
 * @param partitions partitions of each Village topic and its dead-letter topic
 * @param replicas replication factor of the topics
 * @param outbox how the outbox relay publishes
 * @param consumer how failed records are retried before they go to the dead-letter topic
 * @param createTopics whether the app creates Village's topics at start (not where the broker's ACLs leave topic
 *                     creation to its administrator, as in the production form)
 * @param instanceId this instance's lasting name among its service's instances (the local stack gives
 *                   intake-service, intake-service-2, ...): its consumers join their groups as static members
 *                   under it, so that an instance started again after a crash gets its partitions back at once
 *                   instead of after the group's session timeout; none, and they join as dynamic members
 */
@ConfigurationProperties("village.messaging")
public record MessagingProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicas,
        @DefaultValue Outbox outbox,
        @DefaultValue Consumer consumer,
        @DefaultValue("true") boolean createTopics,
        @Nullable String instanceId) {

    /**
     * The outbox relay's pace.
     *
     * @param pollInterval how often the relay looks for events that were not published right after their write
     * @param batchSize how many documents one poll publishes at most
     * @param sendTimeout how long the relay waits for the broker's acknowledgment
     */
    public record Outbox(
            @DefaultValue("2s") Duration pollInterval,
            @DefaultValue("200") int batchSize,
            @DefaultValue("10s") Duration sendTimeout) {}

    /**
     * How a listener retries a record before it becomes a dead letter, and how often it commits its progress.
     *
     * @param retries attempts after the first failure before a record goes to the dead-letter topic
     * @param initialBackoff wait before the first retry, doubled each time
     * @param maxBackoff longest wait between retries
     * @param commitInterval how long processed records wait before their offsets are committed together (sooner
     *     after {@code commitCount} records, and always when partitions are handed over or the listener stops): a
     *     consumer that dies redoes at most this much, which every consumer's idempotence makes harmless, and the
     *     broker is not asked to commit once per record
     * @param commitCount how many processed records are committed together at most
     */
    public record Consumer(
            @DefaultValue("4") int retries,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("3s") Duration maxBackoff,
            @DefaultValue("1s") Duration commitInterval,
            @DefaultValue("500") int commitCount) {}
}
