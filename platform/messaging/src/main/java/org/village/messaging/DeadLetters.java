package org.village.messaging;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.GenericMessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;
import org.village.events.Topics;

/**
 * The records this service's consumers gave up on, read from the {@code <topic>-dlt} topics of the topics it
 * listens to (only those its own consumer group sent there), and their replay: the original record, without
 * the dead-letter headers, handed to this service's consumer of its topic again. Consumers are idempotent, so a
 * replay of something that was meanwhile applied changes nothing. Replays are remembered ({@value #REPLAYS}).
 */
public class DeadLetters {

    public static final String REPLAYS = "dead_letter_replays";
    private static final Duration READ_WITHIN = Duration.ofSeconds(10);
    private static final int MESSAGE_LENGTH = 300;

    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaTemplate<String, byte[]> template;
    private final KafkaListenerEndpointRegistry listeners;
    private final MongoCollection<Document> replays;
    private final String group;
    private final Clock clock;

    public DeadLetters(
            ConsumerFactory<String, byte[]> consumers,
            KafkaTemplate<String, byte[]> template,
            KafkaListenerEndpointRegistry listeners,
            MongoDatabase database,
            String group,
            Clock clock) {
        this.consumers = consumers;
        this.template = template;
        this.listeners = listeners;
        this.replays = database.getCollection(REPLAYS);
        this.group = group;
        this.clock = clock;
    }

    /**
     * A dead letter: where it lies ({@code id} = {@code <dlt topic>:<partition>:<offset>}), what it was, why it
     * failed, and when it was last replayed, by whom.
     */
    public record DeadLetter(
            String id,
            @Nullable String topic,
            int partition,
            long offset,
            String key,
            @Nullable String type,
            @Nullable String eventId,
            Instant failedAt,
            @Nullable String exception,
            @Nullable String message,
            @Nullable Instant replayedAt,
            @Nullable String replayedBy) {}

    /** This service's dead letters, newest first. */
    public List<DeadLetter> list() {
        List<DeadLetter> found = new ArrayList<>();
        try (Consumer<String, byte[]> consumer = reader()) {
            Set<String> existing = consumer.listTopics(READ_WITHIN).keySet();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : deadLetterTopics()) {
                if (existing.contains(topic)) {
                    consumer.partitionsFor(topic, READ_WITHIN)
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
            }
            if (partitions.isEmpty()) {
                return found;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_WITHIN);
            Instant deadline = Instant.now().plus(READ_WITHIN);
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_WITHIN) < ends.getOrDefault(p, 0L))
                    && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (group.equals(header(record.headers(), KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))) {
                        found.add(deadLetter(record));
                    }
                });
            }
        }
        found.sort(Comparator.comparing(DeadLetter::failedAt).reversed());
        return found;
    }

    /**
     * Hands a dead letter's original record to this service's own consumer of its topic again, at once; empty
     * when there is no such dead letter. Nothing is published to the original topic, which belongs to another
     * service (and which this service's Kafka credentials may not write): a replay that fails again is sent to
     * the dead-letter topic beside the first, with the new cause.
     */
    public Optional<DeadLetter> replay(String id, String by) {
        Position position = Position.parse(id);
        if (!deadLetterTopics().contains(position.topic())) {
            return Optional.empty();
        }
        Optional<ConsumerRecord<String, byte[]>> found = read(position);
        if (found.isEmpty() || !group.equals(header(found.get().headers(), KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP))) {
            return Optional.empty();
        }
        ConsumerRecord<String, byte[]> record = found.get();
        String originalTopic = header(record.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC);
        GenericMessageListener<ConsumerRecord<String, byte[]>> consumer = Optional.ofNullable(originalTopic)
                .flatMap(this::listenerOf)
                .orElseThrow(() -> new IllegalStateException("No consumer of " + originalTopic + " to replay " + id));
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("kafka_dlt-")) {
                headers.add(header);
            }
        }
        ConsumerRecord<String, byte[]> original = new ConsumerRecord<>(
                originalTopic,
                number(record.headers(), KafkaHeaders.DLT_ORIGINAL_PARTITION),
                numberLong(record.headers(), KafkaHeaders.DLT_ORIGINAL_OFFSET),
                record.timestamp(),
                TimestampType.CREATE_TIME,
                ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE,
                record.key(),
                record.value(),
                headers,
                Optional.empty());
        try {
            consumer.onMessage(original, null, null);
        } catch (RuntimeException failedAgain) {
            deadLetterAgain(record, failedAgain);
        }
        Instant now = clock.instant();
        replays.replaceOne(
                Filters.eq("_id", id),
                new Document("_id", id).append("replayedAt", Date.from(now)).append("replayedBy", by),
                new ReplaceOptions().upsert(true));
        return Optional.of(deadLetter(record));
    }

    /** This service's consumer (its own group) of a topic. */
    @SuppressWarnings("unchecked")
    private Optional<GenericMessageListener<ConsumerRecord<String, byte[]>>> listenerOf(String topic) {
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            String[] topics = container.getContainerProperties().getTopics();
            Object listener = container.getContainerProperties().getMessageListener();
            if (group.equals(container.getGroupId())
                    && topics != null
                    && List.of(topics).contains(topic)
                    && listener instanceof GenericMessageListener<?> generic) {
                return Optional.of((GenericMessageListener<ConsumerRecord<String, byte[]>>) generic);
            }
        }
        return Optional.empty();
    }

    /** A replay that failed again lies on the dead-letter topic beside the first, with the new cause. */
    private void deadLetterAgain(ConsumerRecord<String, byte[]> deadLetter, RuntimeException failure) {
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        Headers headers = new RecordHeaders();
        for (Header header : deadLetter.headers()) {
            if (!header.key().startsWith("kafka_dlt-exception")) {
                headers.add(header);
            }
        }
        headers.add(
                KafkaHeaders.DLT_EXCEPTION_FQCN, failure.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add(
                KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN,
                cause.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add(
                KafkaHeaders.DLT_EXCEPTION_MESSAGE,
                String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8));
        try {
            template.send(new ProducerRecord<>(deadLetter.topic(), null, deadLetter.key(), deadLetter.value(), headers))
                    .get(READ_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while keeping a failed replay", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not keep a failed replay on " + deadLetter.topic(), e);
        }
    }

    private static int number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? 0 : ByteBuffer.wrap(header.value()).getInt();
    }

    private static long numberLong(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? 0 : ByteBuffer.wrap(header.value()).getLong();
    }

    /** The dead-letter topics of every topic this service listens to. */
    private Set<String> deadLetterTopics() {
        Set<String> topics = new LinkedHashSet<>();
        listeners.getListenerContainers().forEach(container -> {
            String[] listened = container.getContainerProperties().getTopics();
            if (listened != null) {
                for (String topic : listened) {
                    topics.add(Topics.deadLetter(topic));
                }
            }
        });
        return topics;
    }

    private Optional<ConsumerRecord<String, byte[]>> read(Position position) {
        try (Consumer<String, byte[]> consumer = reader()) {
            TopicPartition partition = new TopicPartition(position.topic(), position.partition());
            if (consumer.partitionsFor(position.topic(), READ_WITHIN).stream()
                    .noneMatch(p -> p.partition() == position.partition())) {
                return Optional.empty();
            }
            consumer.assign(List.of(partition));
            if (position.offset()
                    >= consumer.endOffsets(List.of(partition), READ_WITHIN).getOrDefault(partition, 0L)) {
                return Optional.empty();
            }
            consumer.seek(partition, position.offset());
            Instant deadline = Instant.now().plus(READ_WITHIN);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == position.offset()) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        }
    }

    private Consumer<String, byte[]> reader() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return consumers.createConsumer(group + "-dead-letter-reader", "-dead-letters", null, overrides);
    }

    private DeadLetter deadLetter(ConsumerRecord<String, byte[]> record) {
        String id = new Position(record.topic(), record.partition(), record.offset()).id();
        Document replay = replays.find(Filters.eq("_id", id)).first();
        String message = header(record.headers(), KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        return new DeadLetter(
                id,
                header(record.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC),
                record.partition(),
                record.offset(),
                record.key(),
                header(record.headers(), "ce_type"),
                header(record.headers(), "ce_id"),
                Instant.ofEpochMilli(record.timestamp()),
                cause(record.headers()),
                message == null || message.length() <= MESSAGE_LENGTH ? message : message.substring(0, MESSAGE_LENGTH),
                replay == null ? null : replay.getDate("replayedAt").toInstant(),
                replay == null ? null : replay.getString("replayedBy"));
    }

    /** The exception that failed the record: the listener's own, not the container's wrapper around it. */
    private static @Nullable String cause(Headers headers) {
        String cause = header(headers, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
        return cause != null ? cause : header(headers, KafkaHeaders.DLT_EXCEPTION_FQCN);
    }

    private static @Nullable String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Where a dead letter lies: {@code <dlt topic>:<partition>:<offset>}. */
    record Position(String topic, int partition, long offset) {

        static Position parse(String id) {
            String[] parts = id.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("A dead letter id is <topic>:<partition>:<offset>");
            }
            try {
                return new Position(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("A dead letter id is <topic>:<partition>:<offset>");
            }
        }

        String id() {
            return topic + ":" + partition + ":" + offset;
        }
    }
}
