package org.village.messaging;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.village.events.CaseEvent;
import org.village.events.Topics;

/** A minimal service for the messaging tests: one outbox collection and one idempotent consumer. */
@SpringBootApplication
class MessagingTestApplication {

    @Bean
    OutboxCollection widgets() {
        return new OutboxCollection("widgets");
    }

    /** Records every delivery, and applies each event's effect once: a counter per case and one effect document. */
    @Component
    static class CaseEventsConsumer {

        private final MongoCollection<Document> deliveries;
        private final MongoCollection<Document> effects;
        private final MongoCollection<Document> counters;

        CaseEventsConsumer(MongoDatabase database) {
            this.deliveries = database.getCollection("deliveries");
            this.effects = database.getCollection("effects");
            this.counters = database.getCollection("counters");
        }

        @KafkaListener(topics = Topics.CASE_EVENTS)
        void on(ConsumerRecord<String, byte[]> record) {
            InboundEvents.decode(record).ifPresent(event -> {
                String caseId = ((CaseEvent) event.data()).caseId();
                deliveries.insertOne(new Document("_id", UUID.randomUUID().toString())
                        .append("eventId", event.id())
                        .append("caseId", caseId)
                        .append("traceparent", TraceContext.current().orElse(null)));
                AppliedEvents.insertOnce(
                        effects,
                        new Document("_id", AppliedEvents.derivedId(event.id(), "effect")).append("caseId", caseId));
                counters.updateOne(
                        Filters.and(Filters.eq("_id", caseId), AppliedEvents.notYetApplied(event.id())),
                        Updates.combine(Updates.inc("applied", 1), AppliedEvents.markApplied(event.id())),
                        new UpdateOptions().upsert(!exists(caseId)));
            });
        }

        private boolean exists(String caseId) {
            return counters.countDocuments(Filters.eq("_id", caseId)) > 0;
        }
    }
}
