package org.village.referral;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.village.events.Topics;
import org.village.messaging.OutboxRelay;
import org.village.messaging.store.OutboxDocuments.ConcurrentChangeException;
import org.village.referral.store.ShelterStore;
import org.village.testing.ApiClient;
import org.village.testing.EventContracts;
import org.village.testing.TestTokens;
import org.village.testing.TopicReader;
import org.village.testing.VillageInfrastructure;
import tools.jackson.databind.JsonNode;

/** A shelter's staff keeping its beds current, on real Kafka and MongoDB. */
class BedLedgerIT extends RunningService {

    @Test
    void staffRecountBedsAndEveryChangeIsPublishedForTheBoard() {
        JsonNode availability = api.put("/api/shelters/safe-haven/beds", HAVEN, Map.of("total", 6, "occupied", 4))
                .json();
        assertThat(availability.get("availableBeds").asInt()).isEqualTo(2);

        List<CloudEvent> events = TopicReader.awaitRecords(
                        VillageInfrastructure.get().kafkaBootstrapServers(),
                        List.of(Topics.REFERRAL_EVENTS),
                        r -> "safe-haven".equals(r.key()),
                        1,
                        Duration.ofSeconds(20))
                .stream()
                .map(r -> KafkaMessageFactory.createReader(r).toEvent())
                .toList();
        CloudEvent event = events.get(events.size() - 1);
        assertThat(event.getType()).isEqualTo("village.referral.bed-availability-changed.v1");
        EventContracts.assertValid(event.getType(), event.getData().toBytes());
        assertThat(new String(event.getData().toBytes(), UTF_8)).doesNotContain("Quiet Road");
        api.put("/api/shelters/safe-haven/beds", HAVEN, Map.of("total", 6, "occupied", 0));
    }

    /**
     * A hold, a release, an arrival: each changes the beds and appends its bed-availability-changed event in one
     * write, so no crash can fall between them (the write is watched on the wire).
     */
    @Test
    void eachBedChangeAndItsEventAreOneWrite(@Autowired ReferralProperties properties, @Autowired OutboxRelay relay) {
        List<String> writes = new CopyOnWriteArrayList<>();
        CommandListener watcher = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent started) {
                String command = started.getCommandName();
                if (List.of("update", "findAndModify").contains(command)
                        && ShelterStore.COLLECTION.equals(
                                started.getCommand().getString(command).getValue())) {
                    writes.add(started.getCommand().toJson());
                }
            }
        };
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(
                        new ConnectionString(VillageInfrastructure.get().mongoUri()))
                .addCommandListener(watcher)
                .build())) {
            ShelterStore store = new ShelterStore(client.getDatabase(database.getName()), properties, relay);
            writes.clear();
            String referral = "one-write-" + UUID.randomUUID();
            Instant now = Instant.now();

            assertThat(store.hold("harbor-house", referral, 2, now)).isTrue();
            assertThat(writes).hasSize(1);
            assertThat(writes.get(0))
                    .contains("holds." + referral)
                    .contains("outbox")
                    .contains("bed-availability-changed");
            store.occupy("harbor-house", referral, now);
            assertThat(writes).hasSize(2);
            assertThat(writes.get(1)).contains("occupiedBeds").contains("outbox");
            assertThat(store.holds("harbor-house", referral)).isFalse();
        } finally {
            database.getCollection(ShelterStore.COLLECTION)
                    .updateOne(Filters.eq("_id", "harbor-house"), Updates.inc("occupiedBeds", -2));
        }
    }

    /**
     * Two instances of referral-service (each its own connections and store, sharing nothing but the database)
     * race for the last five beds of a shelter: exactly five holds are granted, the held count is exactly theirs,
     * and no bed is promised twice.
     */
    @Test
    void twoInstancesRacingForTheLastBedsNeverOversell(
            @Autowired ReferralProperties properties, @Autowired OutboxRelay relay) throws Exception {
        String shelter = "harbor-house";
        var shelters = database.getCollection(ShelterStore.COLLECTION);
        Document before = shelters.find(Filters.eq("_id", shelter)).first();
        List<MongoClient> clients = List.of(
                MongoClients.create(VillageInfrastructure.get().mongoUri()),
                MongoClients.create(VillageInfrastructure.get().mongoUri()));
        List<String> granted = new CopyOnWriteArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            ShelterStore first = new ShelterStore(clients.get(0).getDatabase(database.getName()), properties, relay);
            ShelterStore second = new ShelterStore(clients.get(1).getDatabase(database.getName()), properties, relay);
            var now = first.find(shelter).orElseThrow();
            first.recount(shelter, now.occupiedBeds() + now.heldBeds() + 5, now.occupiedBeds(), Instant.now());

            List<Future<?>> racing = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ShelterStore instance = i % 2 == 0 ? first : second;
                String referral = "race-" + i + "-" + UUID.randomUUID();
                racing.add(threads.submit(() -> {
                    // an instance that lost every compare-and-set asks again, as its caller would
                    while (true) {
                        try {
                            if (instance.hold(shelter, referral, 1, Instant.now())) {
                                granted.add(referral);
                            }
                            return null;
                        } catch (ConcurrentChangeException lostTheRace) {
                            // read again
                        }
                    }
                }));
            }
            for (Future<?> race : racing) {
                race.get(2, TimeUnit.MINUTES);
            }
            var after = first.find(shelter).orElseThrow();
            assertThat(granted).hasSize(5);
            assertThat(after.heldBeds()).isEqualTo(now.heldBeds() + 5);
            assertThat(after.availableBeds()).isZero();
            for (String referral : granted) {
                assertThat(second.holds(shelter, referral)).isTrue();
            }
        } finally {
            threads.shutdownNow();
            clients.forEach(MongoClient::close);
            shelters.replaceOne(Filters.eq("_id", shelter), before);
        }
    }

    @Test
    void aRecountBelowWhatIsHeldIsRefusedAndNeverDropsAHold() {
        var shelters = database.getCollection(ShelterStore.COLLECTION);
        shelters.updateOne(Filters.eq("_id", "safe-haven"), Updates.set("heldBeds", 3));
        try {
            ApiClient.Response refused =
                    api.put("/api/shelters/safe-haven/beds", HAVEN, Map.of("total", 6, "occupied", 4));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("type").asString()).isEqualTo("conflict");
            var stored = shelters.find(Filters.eq("_id", "safe-haven")).first();
            assertThat(stored.getInteger("heldBeds")).isEqualTo(3);
            assertThat(stored.getInteger("occupiedBeds")).isZero();

            assertThat(api.put("/api/shelters/safe-haven/beds", HAVEN, Map.of("total", 6, "occupied", 3))
                            .json()
                            .get("availableBeds")
                            .asInt())
                    .isZero();
        } finally {
            shelters.updateOne(
                    Filters.eq("_id", "safe-haven"),
                    Updates.combine(Updates.set("heldBeds", 0), Updates.set("occupiedBeds", 0)));
        }
    }

    @Test
    void badCountsAreRefusedNamingTheFieldAndOtherShelterStaffCannotRecount() {
        ApiClient.Response negative =
                api.put("/api/shelters/safe-haven/beds", HAVEN, Map.of("total", -2, "occupied", 0));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("detail").asString()).contains("total");
        assertThat(api.put(
                                "/api/shelters/safe-haven/beds",
                                TestTokens.demo("shelter.harbor"),
                                Map.of("total", 1, "occupied", 0))
                        .status())
                .isEqualTo(403);
        assertThat(api.put("/api/shelters/nowhere/beds", HAVEN, Map.of("total", 1, "occupied", 0))
                        .status())
                .isEqualTo(404);
        assertThat(database.getCollection(ShelterStore.COLLECTION)
                        .find(Filters.eq("_id", "safe-haven"))
                        .first()
                        .getInteger("totalBeds"))
                .isEqualTo(6);
    }
}
