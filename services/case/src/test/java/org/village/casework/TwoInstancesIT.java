package org.village.casework;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.village.casework.domain.CaseRuleViolation;
import org.village.casework.domain.Task;
import org.village.casework.store.CaseStore;
import org.village.events.Priority;
import org.village.messaging.OutboxRelay;
import org.village.security.sealing.KeyVault;
import org.village.security.sealing.Sealing;
import org.village.testing.VillageInfrastructure;

/**
 * Two instances of case-service (each its own connections and store, sharing nothing but the database) change
 * one case at the same moment: every change lands, none overwrites another.
 */
class TwoInstancesIT extends RunningService {

    @Autowired
    CaseStore store;

    @Autowired
    KeyVault vault;

    @Autowired
    Sealing sealing;

    @Autowired
    OutboxRelay relay;

    @Test
    void twoInstancesAddingTasksToOneCaseLoseNone() throws Exception {
        String caseId = new CaseFixtures(kafka, store).caseOf("advocate.avery");
        List<MongoClient> clients = List.of(
                MongoClients.create(VillageInfrastructure.get().mongoUri()),
                MongoClients.create(VillageInfrastructure.get().mongoUri()));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CaseStore> instances = new ArrayList<>();
            for (MongoClient client : clients) {
                instances.add(new CaseStore(client.getDatabase(database.getName()), vault, sealing, relay));
            }
            List<Future<?>> racing = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                CaseStore instance = instances.get(i % 2);
                Task task = Task.open(
                        caseId + ":race-" + i,
                        "FOLLOW_UP",
                        "advocate.avery",
                        "ADVOCATE",
                        Instant.now().plus(Duration.ofDays(2)),
                        Priority.NORMAL,
                        Instant.now(),
                        null);
                racing.add(threads.submit(() -> {
                    // a conflict answered to the caller is asked again, as the console would
                    while (true) {
                        try {
                            instance.change(caseId, null, file -> file.addTask(task, "advocate.avery"));
                            return null;
                        } catch (CaseRuleViolation refused) {
                            if (refused.kind() != CaseRuleViolation.Kind.CONFLICT) {
                                throw refused;
                            }
                        }
                    }
                }));
            }
            for (Future<?> race : racing) {
                race.get(2, TimeUnit.MINUTES);
            }
            List<String> tasks = store.find(caseId).orElseThrow().tasks().stream()
                    .map(Task::taskId)
                    .filter(id -> id.contains(":race-"))
                    .toList();
            assertThat(tasks).hasSize(20).doesNotHaveDuplicates();
        } finally {
            threads.shutdownNow();
            clients.forEach(MongoClient::close);
        }
    }
}
