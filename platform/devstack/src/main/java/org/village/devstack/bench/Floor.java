package org.village.devstack.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;

/**
 * The floor: what the flow's three hops (intake → case → notification → the advocate) cost on the same broker and
 * MongoDB endpoint when each does nothing but the least it must: publish with {@code acks=all}, consume, write
 * one document, publish the next hop. Records of the flow's size arrive open-loop at the given rate; the latency
 * is from a record's due time to its last hop's write.
 */
final class Floor {

    static final int HOPS = 3;

    private final String bootstrap;
    private final String mongo;
    private final int payloadBytes;

    Floor(String bootstrap, String mongo, int payloadBytes) {
        this.bootstrap = bootstrap;
        this.mongo = mongo;
        this.payloadBytes = payloadBytes;
    }

    /** Waits until every partition of the new topics has its leader, so that the first records are not refused. */
    private static void awaitLeaders(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            boolean led = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(topic -> topic.partitions().stream())
                    .allMatch(partition ->
                            partition.leader() != null && !partition.leader().isEmpty());
            if (led) {
                return;
            }
            Thread.sleep(100); // the controller is electing them
        }
        throw new IllegalStateException("the floor's topics got no leaders within 30 s");
    }

    /** Figures of one rate. */
    record Result(double offered, double achieved, Latency.Figures latency, long backlog) {}

    @SuppressWarnings("FutureReturnValueIgnored") // a send that fails shows as a record that never arrives: backlog
    Result run(double perSecond, Duration duration) throws Exception {
        String run = "floor-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> topics = new ArrayList<>();
        for (int hop = 0; hop <= HOPS; hop++) {
            topics.add(run + "-" + hop);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(topics.stream()
                            .map(t -> new NewTopic(t, 3, (short) 1))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
            awaitLeaders(admin, topics);
        }
        Latency latency = new Latency();
        AtomicLong delivered = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> hops = new ArrayList<>();
        CountDownLatch joined = new CountDownLatch(HOPS);
        try (MongoClient client = MongoClients.create(mongo);
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerSettings())) {
            for (int hop = 0; hop < HOPS; hop++) {
                MongoCollection<Document> store = client.getDatabase("floor").getCollection(run + "-hop-" + hop);
                String from = topics.get(hop);
                @Nullable String to = hop + 1 < HOPS ? topics.get(hop + 1) : null;
                Thread thread = new Thread(
                        () -> hop(from, to, store, producer, latency, delivered, running, joined), "floor-" + from);
                thread.setDaemon(true);
                thread.start();
                hops.add(thread);
            }
            if (!joined.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the floor's consumers were given no partitions within 60 s");
            }
            long every = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
            long start = System.nanoTime();
            long count = (long) (perSecond * duration.toSeconds());
            byte[] padding = new byte[Math.max(0, payloadBytes - Long.BYTES)];
            for (long i = 0; i < count; i++) {
                long due = start + i * every;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                byte[] payload = ByteBuffer.allocate(Long.BYTES + padding.length)
                        .putLong(due)
                        .put(padding)
                        .array();
                producer.send(
                        new ProducerRecord<>(topics.get(0), UUID.randomUUID().toString(), payload));
            }
            long end = System.nanoTime();
            long backlog = count - delivered.get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (delivered.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(50); // the last records through the hops
            }
            running.set(false);
            for (Thread hop : hops) {
                hop.join(10_000);
            }
            double seconds = Math.max((end - start) / 1e9, count / perSecond);
            return new Result(perSecond, delivered.get() / seconds, latency.figures(), backlog);
        } finally {
            try (MongoClient client = MongoClients.create(mongo)) {
                client.getDatabase("floor").drop();
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @SuppressWarnings("FutureReturnValueIgnored") // a send that fails shows as a record that never arrives: backlog
    private void hop(
            String from,
            @Nullable String to,
            MongoCollection<Document> store,
            KafkaProducer<String, byte[]> producer,
            Latency latency,
            AtomicLong delivered,
            AtomicBoolean running,
            CountDownLatch joined) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerSettings(from))) {
            AtomicBoolean assigned = new AtomicBoolean();
            consumer.subscribe(List.of(from), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // nothing held between polls
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty() && assigned.compareAndSet(false, true)) {
                        joined.countDown();
                    }
                }
            });
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    store.insertOne(new Document("_id", record.key()).append("data", new Binary(record.value())));
                    if (to != null) {
                        producer.send(new ProducerRecord<>(to, record.key(), record.value()));
                    } else {
                        latency.record(System.nanoTime()
                                - ByteBuffer.wrap(record.value()).getLong());
                        delivered.incrementAndGet();
                    }
                }
                consumer.commitSync();
            }
        }
    }

    private Properties producerSettings() {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return settings;
    }

    private Properties consumerSettings(String topic) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-group");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return settings;
    }
}
