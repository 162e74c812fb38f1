package org.village.messaging;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Publishes the events waiting in the outboxes of the registered collections. A service hands over a document's
 * outbox right after writing it ({@link #publishSoon(String, Object, List)}): the write returned it, so the relay
 * need not read it again. What is handed over meanwhile is published together, and removed from its documents
 * in one write per collection once the broker acknowledged it (at least once, never lost). An event handed over
 * twice (a write returns its document's whole outbox, so a later write's hand-over may still carry an event being
 * sent) is sent once: in the same batch, or later while the relay remembers it acknowledged. A periodic poll is the safety net for events whose publication was interrupted: it
 * reads, through an index, only the documents whose {@value Outbox#SINCE} is older than a send may take.
 * Everything runs on one thread, so this relay sends a document's events in their order.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String CONTENT_TYPE = "application/json";
    /** How many acknowledged event ids the relay remembers: far more than a few seconds of hand-overs. */
    private static final int REMEMBERED = 10_000;

    private final Map<String, MongoCollection<Document>> collections;
    private final KafkaTemplate<String, byte[]> template;
    private final MessagingProperties.Outbox settings;
    private final Counter published;
    private final Counter failed;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handOverQueued = new AtomicBoolean();
    private final Set<String> acknowledgedLately = Collections.synchronizedSet(
            Collections.newSetFromMap(new LinkedHashMap<String, Boolean>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));
    private volatile boolean startedOnce;
    private @Nullable ScheduledExecutorService executor;

    /** A document whose outbox is to be published: its entries as its last write left them, or null to read. */
    private record Pending(
            String collection, Object id, @Nullable List<Document> entries) {}

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
        collections
                .values()
                .forEach(collection ->
                        collection.createIndex(Indexes.ascending(Outbox.SINCE), new IndexOptions().sparse(true)));
    }

    /** Publishes the pending events of one document, read from it, as soon as the relay thread is free. */
    public void publishSoon(String collection, Object documentId) {
        handOver(new Pending(collection(collection).getNamespace().getCollectionName(), documentId, null));
    }

    /**
     * Publishes a document's outbox as its last write returned it ({@code entries}, the older pending events
     * first), as soon as the relay thread is free.
     */
    public void publishSoon(String collection, Object documentId, List<Document> entries) {
        handOver(new Pending(collection(collection).getNamespace().getCollectionName(), documentId, entries));
    }

    private void handOver(Pending document) {
        ScheduledExecutorService running = executor;
        if (running == null || running.isShutdown()) {
            return; // the poll after the next start picks it up
        }
        pending.add(document);
        if (handOverQueued.compareAndSet(false, true)) {
            running.execute(this::publishHandedOver);
        }
    }

    /** Publishes everything handed over so far, in batches. */
    private void publishHandedOver() {
        handOverQueued.set(false);
        List<Pending> batch = new ArrayList<>();
        for (Pending next = pending.poll(); next != null; next = pending.poll()) {
            batch.add(next);
            if (batch.size() == settings.batchSize()) {
                publish(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            publish(batch);
        }
    }

    /**
     * Publishes what is due: the events that have waited longer than a send may take (an earlier publication was
     * interrupted), up to a batch per collection. On the first call after a start, the documents with events but
     * no {@value Outbox#SINCE} (written before it existed) are given one, once, so that they are found too.
     * Returns how many events were published.
     */
    public int drain() {
        if (!startedOnce) {
            collections
                    .values()
                    .forEach(collection -> collection.updateMany(
                            Filters.and(Filters.exists(Outbox.FIELD + ".0"), Filters.exists(Outbox.SINCE, false)),
                            Updates.set(Outbox.SINCE, new Date(0))));
            startedOnce = true;
        }
        Date due = Date.from(Instant.now().minus(settings.sendTimeout()));
        int count = 0;
        for (Map.Entry<String, MongoCollection<Document>> named : collections.entrySet()) {
            MongoCollection<Document> collection = named.getValue();
            List<Pending> batch = new ArrayList<>();
            List<Object> emptied = new ArrayList<>();
            collection
                    .find(Filters.lte(Outbox.SINCE, due))
                    .projection(Projections.include(Outbox.FIELD))
                    .limit(settings.batchSize())
                    .forEach(doc -> {
                        Object id = Objects.requireNonNull(doc.get("_id"), "a stored document has an _id");
                        List<Document> entries = doc.getList(Outbox.FIELD, Document.class, List.of());
                        if (entries.isEmpty()) {
                            emptied.add(id);
                        } else {
                            batch.add(new Pending(named.getKey(), id, entries));
                        }
                    });
            if (!emptied.isEmpty()) {
                // published since: no longer due (unless events came meanwhile)
                collection.updateMany(
                        Filters.and(Filters.in("_id", emptied), Filters.size(Outbox.FIELD, 0)),
                        Updates.unset(Outbox.SINCE));
            }
            count += publish(batch);
        }
        return count;
    }

    /**
     * Sends the events of the documents, each once, waits for the broker, and removes what it acknowledged from
     * the documents, in one write per collection. A document whose event failed keeps it and every later one, to
     * be sent again in order. Returns how many events were acknowledged.
     */
    private int publish(List<Pending> batch) {
        List<Pending> documents = withEntries(batch);
        Map<String, CompletableFuture<SendResult<String, byte[]>>> sends = new LinkedHashMap<>();
        for (Pending document : documents) {
            for (Document entry : Objects.requireNonNull(document.entries())) {
                sends.computeIfAbsent(
                        entry.getString("_id"),
                        id -> acknowledgedLately.contains(id)
                                ? CompletableFuture.completedFuture(null) // only to be removed from the document
                                : template.send(record(entry)));
            }
        }
        Map<String, Set<Object>> touched = new LinkedHashMap<>();
        Map<String, Set<String>> acknowledged = new LinkedHashMap<>();
        Set<String> failedHere = new HashSet<>();
        for (Pending document : documents) {
            for (Document entry : Objects.requireNonNull(document.entries())) {
                String entryId = entry.getString("_id");
                if (!failedHere.contains(entryId) && sent(sends.get(entryId), entry)) {
                    acknowledgedLately.add(entryId);
                    touched.computeIfAbsent(document.collection(), c -> new LinkedHashSet<>())
                            .add(document.id());
                    acknowledged
                            .computeIfAbsent(document.collection(), c -> new LinkedHashSet<>())
                            .add(entryId);
                    continue;
                }
                failedHere.add(entryId);
                collection(document.collection())
                        .updateOne(
                                Filters.and(
                                        Filters.eq("_id", document.id()), Filters.eq(Outbox.FIELD + "._id", entryId)),
                                Updates.inc(Outbox.FIELD + ".$.attempts", 1));
                break; // keep the order of this document's events
            }
        }
        int count = 0;
        for (Map.Entry<String, Set<String>> done : acknowledged.entrySet()) {
            collection(done.getKey())
                    .updateMany(
                            Filters.in("_id", touched.get(done.getKey())),
                            Updates.pull(Outbox.FIELD, Filters.in("_id", done.getValue())));
            count += done.getValue().size();
        }
        published.increment(count);
        return count;
    }

    /** The documents with their entries: those handed over without them are read, one read per collection. */
    private List<Pending> withEntries(List<Pending> batch) {
        Map<String, List<Object>> toRead = new LinkedHashMap<>();
        batch.stream()
                .filter(document -> document.entries() == null)
                .forEach(document -> toRead.computeIfAbsent(document.collection(), c -> new ArrayList<>())
                        .add(document.id()));
        Map<Object, List<Document>> read = new HashMap<>();
        toRead.forEach((name, ids) -> collection(name)
                .find(Filters.in("_id", ids))
                .projection(Projections.include(Outbox.FIELD))
                .forEach(doc ->
                        read.put(name + "/" + doc.get("_id"), doc.getList(Outbox.FIELD, Document.class, List.of()))));
        List<Pending> documents = new ArrayList<>();
        for (Pending document : batch) {
            List<Document> entries = document.entries() != null
                    ? document.entries()
                    : read.get(document.collection() + "/" + document.id());
            if (entries != null && !entries.isEmpty()) {
                documents.add(new Pending(document.collection(), document.id(), entries));
            }
        }
        return documents;
    }

    /** True when the broker acknowledged the send within the send timeout. */
    private boolean sent(@Nullable CompletableFuture<SendResult<String, byte[]>> send, Document entry) {
        try {
            Objects.requireNonNull(send).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            failed.increment();
            log.warn(
                    "Publishing event {} ({}) failed, will retry: {}",
                    entry.getString("_id"),
                    entry.getString("type"),
                    e.toString());
            return false;
        }
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
        startedOnce = false;
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
