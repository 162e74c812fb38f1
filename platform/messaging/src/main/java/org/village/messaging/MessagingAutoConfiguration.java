package org.village.messaging;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.village.events.InvalidEventDataException;
import org.village.events.Topics;

/**
 * Kafka and MongoDB as every Village service uses them: CloudEvents in binary mode as raw bytes, the
 * idempotent producer with {@code acks=all}, offsets committed after processing (together, once a second),
 * bounded retries and then the dead-letter topic, and the outbox relay.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class, after = MongoAutoConfiguration.class)
@EnableKafka
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    /** UTC, in the millisecond steps MongoDB stores, so that stored and published times agree. */
    @Bean
    @ConditionalOnProperty(MongoCredentials.USERNAME)
    MongoCredentials villageMongoCredentials(Environment environment) {
        return new MongoCredentials(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock villageClock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    @Bean
    @ConditionalOnMissingBean
    MongoDatabase villageDatabase(MongoClient client, MongoProperties properties) {
        String name = properties.getDatabase();
        if (name == null && properties.getUri() != null) {
            name = new ConnectionString(properties.getUri()).getDatabase();
        }
        if (name == null) {
            throw new IllegalStateException("Set spring.mongodb.database: every Village service owns one database");
        }
        return client.getDatabase(name);
    }

    @Bean
    ProducerFactory<String, byte[]> producerFactory(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    ConsumerFactory<String, byte[]> consumerFactory(KafkaProperties kafka, Environment environment) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, environment.getRequiredProperty("spring.application.name"));
        return new DefaultKafkaConsumerFactory<>(config);
    }

    @Bean
    DefaultErrorHandler villageErrorHandler(KafkaTemplate<String, byte[]> template, MessagingProperties properties) {
        DeadLetterPublishingRecoverer toDeadLetters = new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        MessagingProperties.Consumer retry = properties.consumer();
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retry.retries());
        backOff.setInitialInterval(retry.initialBackoff().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(retry.maxBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(toDeadLetters, backOff);
        handler.addNotRetryableExceptions(InvalidEventDataException.class, UnprocessableEventException.class);
        return handler;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> kafkaListenerContainerFactory(
            ConsumerFactory<String, byte[]> consumerFactory,
            DefaultErrorHandler villageErrorHandler,
            MessagingProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        String instance = properties.instanceId();
        if (instance != null && !instance.isBlank()) {
            // a static member per listener of this instance: the same name after a restart, another per listener
            factory.setContainerCustomizer(container -> container
                    .getContainerProperties()
                    .getKafkaConsumerProperties()
                    .setProperty(
                            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                            // Kafka takes letters, digits, '.', '_' and '-' in the name
                            (instance + "-" + container.getListenerId()).replaceAll("[^A-Za-z0-9._-]", "_")));
        }
        factory.setCommonErrorHandler(villageErrorHandler);
        // processed records are committed together, once a second or every few hundred, not after every poll
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.COUNT_TIME);
        factory.getContainerProperties()
                .setAckTime(properties.consumer().commitInterval().toMillis());
        factory.getContainerProperties().setAckCount(properties.consumer().commitCount());
        // an idle listener comes round every second, so what it processed is committed within about two; a commit
        // the broker does not answer (it is stopping, or gone) is given up after a few seconds, not a minute
        factory.getContainerProperties()
                .setPollTimeout(properties.consumer().commitInterval().toMillis());
        factory.getContainerProperties().setSyncCommitTimeout(Duration.ofSeconds(5));
        factory.setRecordInterceptor(new TracedRecords());
        return factory;
    }

    @Bean
    @ConditionalOnProperty(
            prefix = "village.messaging",
            name = "create-topics",
            havingValue = "true",
            matchIfMissing = true)
    KafkaAdmin.NewTopics villageTopics(MessagingProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.all()) {
            topics.add(new NewTopic(topic, properties.partitions(), properties.replicas()));
            topics.add(new NewTopic(Topics.deadLetter(topic), properties.partitions(), properties.replicas()));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    OutboxRelay outboxRelay(
            MongoDatabase database,
            ObjectProvider<OutboxCollection> collections,
            KafkaTemplate<String, byte[]> kafkaTemplate,
            MessagingProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        return new OutboxRelay(
                database,
                collections.orderedStream().toList(),
                kafkaTemplate,
                properties.outbox(),
                meters.getIfAvailable());
    }

    @Bean
    DeadLetters deadLetters(
            ConsumerFactory<String, byte[]> consumers,
            KafkaTemplate<String, byte[]> template,
            KafkaListenerEndpointRegistry listeners,
            MongoDatabase database,
            Environment environment,
            Clock clock) {
        return new DeadLetters(
                consumers,
                template,
                listeners,
                database,
                environment.getRequiredProperty("spring.application.name"),
                clock);
    }

    /** Every request continues or starts a trace, which the events it causes carry on. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class TraceContextWebConfiguration {

        @Bean
        FilterRegistrationBean<TraceContextFilter> traceContextFilter() {
            var registration = new FilterRegistrationBean<>(new TraceContextFilter());
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }

    /** The admin API over dead letters, in apps that serve HTTP with Village's resource server. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.village.security.Caller")
    @Import(DeadLetterController.class)
    static class DeadLetterApiConfiguration {}

    /** Kafka and MongoDB in the health and readiness groups, when the app has Actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class HealthConfiguration {

        @Bean(name = "kafkaHealthIndicator")
        KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
            return new KafkaHealthIndicator(kafka.buildAdminProperties());
        }

        @Bean(name = "mongoHealthIndicator")
        MongoPingHealthIndicator mongoHealthIndicator(MongoDatabase database) {
            return new MongoPingHealthIndicator(database);
        }
    }
}
