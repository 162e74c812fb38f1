package org.village.messaging;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.village.events.EventCatalog;

/**
 * Publishes the events waiting in the outboxes of the registered collections. A service asks for a
 * document right after writing it ({@link #publishSoon}); a periodic poll is the safety net for events
 * whose publication was interrupted. Both run on one thread, so an event is not sent twice by this relay,
 * and an event leaves its outbox only after the broker acknowledged it (at least once, never lost).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String CONTENT_TYPE = "application/json";

    private final Map<String, MongoCollection<Document>> collections;
    private final KafkaTemplate<String, byte[]> template;
    private final MessagingProperties.Outbox settings;
    private final Counter published;
    private final Counter failed;
    private @Nullable ScheduledExecutorService executor;

    public OutboxRelay(
            MongoDatabase database,
            List<OutboxCollection> registered,
            KafkaTemplate<String, byte[]> template,
            MessagingProperties.Outbox settings,
            @Nullable MeterRegistry meters) {
        this.collections = registered.stream()
                .map(OutboxCollection::name)
                .distinct()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), database::getCollection));
        this.template = template;
        this.settings = settings;
        MeterRegistry registry = meters == null ? new SimpleMeterRegistry() : meters;
        this.published = registry.counter("village.outbox.published");
        this.failed = registry.counter("village.outbox.failed");
    }

    /** Publishes the pending events of one document as soon as the relay thread is free. */
    public void publishSoon(String collection, Object documentId) {
        MongoCollection<Document> target = collection(collection);
        ScheduledExecutorService running = executor;
        if (running == null || running.isShutdown()) {
            return; // the poll after the next start picks it up
        }
        running.execute(() -> publishDocument(target, documentId));
    }

    /** Publishes every pending event of every registered collection; returns how many were published. */
    public int drain() {
        int count = 0;
        for (MongoCollection<Document> collection : collections.values()) {
            List<Object> ids = new ArrayList<>();
            collection
                    .find(Filters.exists(Outbox.FIELD + ".0"))
                    .projection(Projections.include("_id"))
                    .limit(settings.batchSize())
                    .forEach(doc -> ids.add(doc.get("_id")));
            for (Object id : ids) {
                count += publishDocument(collection, id);
            }
        }
        return count;
    }

    private int publishDocument(MongoCollection<Document> collection, Object id) {
        Document doc = collection
                .find(Filters.eq("_id", id))
                .projection(Projections.include(Outbox.FIELD))
                .first();
        if (doc == null) {
            return 0;
        }
        List<Document> entries = doc.getList(Outbox.FIELD, Document.class, List.of());
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
        for (Document entry : entries) {
            sends.add(template.send(record(entry)));
        }
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            Document entry = entries.get(i);
            try {
                sends.get(i).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(entry.getString("_id"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                failed.increment();
                log.warn(
                        "Publishing event {} ({}) failed, will retry: {}",
                        entry.getString("_id"),
                        entry.getString("type"),
                        e.toString());
                collection.updateOne(
                        Filters.and(Filters.eq("_id", id), Filters.eq(Outbox.FIELD + "._id", entry.get("_id"))),
                        Updates.inc(Outbox.FIELD + ".$.attempts", 1));
                break; // keep the order of this document's events
            }
        }
        if (!acknowledged.isEmpty()) {
            collection.updateOne(Filters.eq("_id", id), Updates.pull(Outbox.FIELD, Filters.in("_id", acknowledged)));
            published.increment(acknowledged.size());
        }
        return acknowledged.size();
    }

    private static ProducerRecord<String, byte[]> record(Document entry) {
        String type = entry.getString("type");
        CloudEvent event = CloudEventBuilder.v1()
                .withId(entry.getString("_id"))
                .withType(type)
                .withSource(URI.create(
                        EventCatalog.byName(type).map(t -> t.source()).orElse("/village")))
                .withSubject(entry.getString("subject"))
                .withTime(entry.getDate("time").toInstant().atOffset(ZoneOffset.UTC))
                .withDataContentType(CONTENT_TYPE)
                .withDataSchema(URI.create(
                        EventCatalog.byName(type).map(t -> t.schemaPath()).orElse("/")))
                .withData(entry.getString("data").getBytes(StandardCharsets.UTF_8))
                .build();
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(
                        entry.getString("topic"), entry.getString("key"))
                .writeBinary(event);
        String traceparent = entry.getString("traceparent");
        if (traceparent != null) {
            record.headers().add(TraceContext.HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    private MongoCollection<Document> collection(String name) {
        MongoCollection<Document> collection = collections.get(name);
        if (collection == null) {
            throw new IllegalArgumentException("Collection " + name + " is not registered as an outbox collection");
        }
        return collection;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.pollInterval().toMillis();
        // polls until stop() shuts the executor down
        var unused = executor.scheduleWithFixedDelay(this::pollSafely, 0, period, TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("Outbox poll failed, will retry: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
