package org.village.notification.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.village.events.DangerLevel;
import org.village.events.Topics;
import org.village.notification.domain.CaseRef;
import org.village.notification.events.EventsListener;
import org.village.testing.VillageInfrastructure;

/** A case's routing facts as this instance last wrote them, until its partitions change. */
class RoutingFactsIT {

    private static MongoClient client;
    private static MongoDatabase database;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(VillageInfrastructure.get().mongoUri());
        database = client.getDatabase("routing-facts-" + UUID.randomUUID());
    }

    @AfterAll
    static void disconnect() {
        database.drop();
        client.close();
    }

    @Test
    void whatThisInstanceWroteIsAnsweredWithoutAReadUntilItsPartitionsChange() {
        RoutingFacts facts = new RoutingFacts(database);
        String caseId = "case-" + UUID.randomUUID();
        facts.caseOpened(caseId, "intake-1", "safe-harbor", "riverside-pd", "officer.reyes", DangerLevel.HIGH);
        facts.advocateAssigned(caseId, "advocate.avery");
        // another instance, having taken the partition meanwhile, reassigned the case
        database.getCollection(RoutingFacts.CASES)
                .updateOne(Filters.eq("_id", caseId), Updates.set("advocateId", "advocate.blake"));

        assertThat(facts.caseRef(caseId)).map(CaseRef::advocateId).contains("advocate.avery");

        facts.forgetRemembered();
        assertThat(facts.caseRef(caseId)).map(CaseRef::advocateId).contains("advocate.blake");
    }

    @Test
    void theEventsListenerForgetsWhatItRememberedWhenItsPartitionsAreAssignedOrRevoked() {
        RoutingFacts facts = new RoutingFacts(database);
        EventsListener listener = new EventsListener(null, facts);
        String caseId = "case-" + UUID.randomUUID();
        facts.caseOpened(caseId, "intake-3", "safe-harbor", "riverside-pd", "officer.reyes", DangerLevel.HIGH);
        facts.advocateAssigned(caseId, "advocate.avery");

        reassign(caseId, "advocate.blake");
        listener.onPartitionsRevoked(List.of(new TopicPartition(Topics.CASE_EVENTS, 0)));
        assertThat(facts.caseRef(caseId)).map(CaseRef::advocateId).contains("advocate.blake");

        facts.advocateAssigned(caseId, "advocate.casey");
        reassign(caseId, "advocate.drew");
        assertThat(facts.caseRef(caseId))
                .map(CaseRef::advocateId)
                .as("remembered")
                .contains("advocate.casey");
        listener.onPartitionsAssigned(Map.of(new TopicPartition(Topics.CASE_EVENTS, 1), 0L), null);
        assertThat(facts.caseRef(caseId)).map(CaseRef::advocateId).contains("advocate.drew");
    }

    /** Another instance, having taken the case's partition meanwhile, reassigns it. */
    private static void reassign(String caseId, String advocateId) {
        database.getCollection(RoutingFacts.CASES)
                .updateOne(Filters.eq("_id", caseId), Updates.set("advocateId", advocateId));
    }

    @Test
    void aCaseNotWrittenHereIsReadAndAnAdvocateAloneIsNotACase() {
        RoutingFacts writer = new RoutingFacts(database);
        RoutingFacts reader = new RoutingFacts(database);
        String caseId = "case-" + UUID.randomUUID();

        assertThat(writer.advocateAssigned(caseId, "advocate.avery")).isEmpty();
        assertThat(writer.caseRef(caseId)).as("no case.opened yet").isEmpty();

        writer.caseOpened(caseId, "intake-2", "safe-harbor", "riverside-pd", "officer.reyes", DangerLevel.STANDARD);
        assertThat(reader.caseRef(caseId))
                .map(CaseRef::advocateId)
                .as("read from the database")
                .contains("advocate.avery");
        assertThat(reader.caseRef(null)).isEmpty();
    }
}
