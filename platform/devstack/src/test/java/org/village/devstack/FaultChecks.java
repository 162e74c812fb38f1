package org.village.devstack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;

/**
 * The fault run's reconciliation in the services' own databases: what each service stored, counted against what
 * the clients were told and against what the other services stored. Each check counts what is wrong; all of them
 * must come to zero.
 */
final class FaultChecks implements AutoCloseable {

    private static final Set<String> HOLDING = Set.of("PENDING", "ACCEPTED");
    private static final Set<String> OPEN_CASE = Set.of("OPEN", "CLOSURE_REQUESTED");

    private final MongoClient client;

    /** What the referral service held before the run: its referrals, and each shelter's occupied beds. */
    record Before(Set<String> referrals, Map<String, Integer> occupied) {}

    FaultChecks(int mongoPort) {
        this.client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort);
    }

    private MongoCollection<Document> collection(String database, String name) {
        return client.getDatabase(database).getCollection(name);
    }

    Before before() {
        Set<String> referrals = new HashSet<>();
        collection("referral", "referrals").find().forEach(r -> referrals.add(r.getString("_id")));
        Map<String, Integer> occupied = new HashMap<>();
        collection("referral", "shelters")
                .find()
                .forEach(s -> occupied.put(s.getString("_id"), s.getInteger("occupiedBeds", 0)));
        return new Before(referrals, occupied);
    }

    /** Accepted intakes not stored by intake-service, or without a case in case-service. */
    Map<String, Integer> lostIntakes(Collection<String> accepted) {
        Set<String> stored = ids(collection("intake", "intakes"), "_id", accepted);
        Set<String> withCase = new HashSet<>();
        collection("case", "cases")
                .find(Filters.in("intakeId", accepted))
                .forEach(c -> withCase.add(c.getString("intakeId")));
        Map<String, Integer> lost = new LinkedHashMap<>();
        lost.put("intakes (201) not stored", accepted.size() - stored.size());
        lost.put("intakes (201) without a case", accepted.size() - withCase.size());
        return lost;
    }

    /** What the workers were answered 2xx for and is not so in the databases. */
    Map<String, Integer> lostWork(FaultWork.Ledger ledger) {
        Map<String, Integer> lost = new LinkedHashMap<>();
        Set<String> done = new HashSet<>();
        for (Document file : collection("case", "cases").find(Filters.in("tasks.taskId", ledger.completedTasks))) {
            for (Document task : file.getList("tasks", Document.class, List.of())) {
                // a case holds other tasks too: a completion answered with a failure may still have been applied
                if ("DONE".equals(task.getString("status"))
                        && ledger.completedTasks.contains(task.getString("taskId"))) {
                    done.add(task.getString("taskId"));
                }
            }
        }
        collection("case", "case_tasks_archive")
                .find(Filters.and(Filters.in("_id", ledger.completedTasks), Filters.eq("status", "DONE")))
                .forEach(task -> done.add(task.getString("_id")));
        lost.put("task completions (200) not done", ledger.completedTasks.size() - done.size());

        long acknowledged = collection("notification", "notifications")
                .countDocuments(
                        Filters.and(Filters.in("_id", ledger.acknowledged), Filters.ne("acknowledgedAt", null)));
        lost.put("acknowledgments (204) not recorded", ledger.acknowledged.size() - (int) acknowledged);

        Map<String, String> status = new HashMap<>();
        collection("referral", "referrals")
                .find(Filters.and(Filters.in("_id", ledger.referred.keySet()), Filters.eq("confirmed", true)))
                .forEach(r -> status.put(r.getString("_id"), r.getString("status")));
        lost.put("referrals (201) not stored", ledger.referred.size() - status.size());
        int unanswered = 0;
        for (Map.Entry<String, String> answer : ledger.answered.entrySet()) {
            String now = status.get(answer.getKey());
            boolean applied =
                    answer.getValue().equals(now) || ("ACCEPTED".equals(answer.getValue()) && "COMPLETED".equals(now));
            unanswered += applied ? 0 : 1;
        }
        lost.put("referral answers (200) not applied", unanswered);
        return lost;
    }

    /**
     * Things that happened twice: a case per intake, an assignment per case, a referral per case the advocates
     * referred once, a notification per (recipient, kind, subject) about the run's cases.
     */
    Map<String, Integer> duplicated(Collection<String> accepted, FaultWork.Ledger ledger, Before before) {
        Map<String, Integer> duplicated = new LinkedHashMap<>();
        Map<String, Integer> casesPerIntake = new HashMap<>();
        Set<String> caseIds = new HashSet<>();
        collection("case", "cases").find(Filters.in("intakeId", accepted)).forEach(c -> {
            casesPerIntake.merge(c.getString("intakeId"), 1, Integer::sum);
            caseIds.add(c.getString("_id"));
        });
        duplicated.put("cases per intake", extra(casesPerIntake.values()));

        Map<String, Integer> assignments = new HashMap<>();
        collection("case", "case_timeline")
                .find(Filters.and(Filters.in("caseId", caseIds), Filters.eq("type", "ADVOCATE_ASSIGNED")))
                .forEach(entry -> assignments.merge(entry.getString("caseId"), 1, Integer::sum));
        duplicated.put("assignments per case", extra(assignments.values()));

        Map<String, Integer> referralsPerCase = new HashMap<>();
        collection("referral", "referrals")
                .find(Filters.and(Filters.in("caseId", ledger.referralAsked), Filters.nin("_id", before.referrals())))
                .forEach(r -> referralsPerCase.merge(r.getString("caseId"), 1, Integer::sum));
        duplicated.put("referrals per case", extra(referralsPerCase.values()));

        Map<String, Integer> told = new HashMap<>();
        collection("notification", "notifications")
                .find(Filters.in("caseId", caseIds))
                .forEach(n -> told.merge(
                        n.getString("recipient") + "|" + n.getString("kind") + "|"
                                + Objects.requireNonNullElse(n.getString("about"), n.getString("caseId")),
                        1,
                        Integer::sum));
        duplicated.put("notifications per (recipient, kind, subject)", extra(told.values()));
        return duplicated;
    }

    /**
     * Counts kept by one service that do not equal a recount from the records they count: each shelter's held
     * beds against its holds and its open referrals, its occupied beds against the arrivals, each case's pending
     * referrals against referral-service's, and events still waiting in an outbox.
     */
    Map<String, Integer> mismatched(Before before) {
        Map<String, Integer> mismatched = new LinkedHashMap<>();
        Map<String, Set<String>> holding = new HashMap<>();
        Map<String, Integer> arrived = new HashMap<>();
        Map<String, Integer> pendingPerCase = new HashMap<>();
        for (Document r : collection("referral", "referrals").find(Filters.eq("confirmed", true))) {
            String shelter = r.getString("shelterId");
            String status = r.getString("status");
            if (HOLDING.contains(status)) {
                holding.computeIfAbsent(shelter, s -> new HashSet<>()).add(r.getString("_id"));
            }
            if ("COMPLETED".equals(status) && !before.referrals().contains(r.getString("_id"))) {
                arrived.merge(shelter, r.getInteger("adults", 0) + r.getInteger("children", 0), Integer::sum);
            }
            if ("PENDING".equals(status)) {
                pendingPerCase.merge(r.getString("caseId"), 1, Integer::sum);
            }
        }
        int heldWrong = 0;
        int holdsWrong = 0;
        int occupiedWrong = 0;
        for (Document shelter : collection("referral", "shelters").find()) {
            String id = shelter.getString("_id");
            Document holds = shelter.get("holds", Document.class);
            Map<String, Object> held = holds == null ? Map.of() : holds;
            int sum = held.values().stream()
                    .mapToInt(beds -> ((Number) beds).intValue())
                    .sum();
            heldWrong += shelter.getInteger("heldBeds", 0) == sum ? 0 : 1;
            holdsWrong += held.keySet().equals(holding.getOrDefault(id, Set.of())) ? 0 : 1;
            int expected = before.occupied().getOrDefault(id, 0) + arrived.getOrDefault(id, 0);
            occupiedWrong += shelter.getInteger("occupiedBeds", 0) == expected ? 0 : 1;
        }
        mismatched.put("shelters whose held beds are not the sum of their holds", heldWrong);
        mismatched.put("shelters whose holds are not their open referrals", holdsWrong);
        mismatched.put("shelters whose occupied beds are not the arrivals", occupiedWrong);

        int pendingWrong = 0;
        for (Document file : collection("case", "cases").find(Filters.in("status", OPEN_CASE))) {
            int counted = file.getInteger("pendingReferrals", 0);
            pendingWrong += counted == pendingPerCase.getOrDefault(file.getString("_id"), 0) ? 0 : 1;
        }
        mismatched.put("cases whose pending referrals are not a recount", pendingWrong);

        int waiting = 0;
        for (String database : List.of("intake", "case", "referral", "notification")) {
            MongoDatabase data = client.getDatabase(database);
            for (String name : data.listCollectionNames()) {
                waiting += (int) data.getCollection(name).countDocuments(Filters.exists("outbox.0"));
            }
        }
        mismatched.put("documents with events not yet published", waiting);
        return mismatched;
    }

    /** Each advocate's open cases and pending referrals as the database holds them. */
    Map<String, long[]> caseloads(List<String> advocates) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (String advocate : advocates) {
            long[] count = new long[2];
            collection("case", "cases")
                    .find(Filters.and(Filters.eq("advocate", advocate), Filters.in("status", OPEN_CASE)))
                    .forEach(c -> {
                        count[0]++;
                        count[1] += c.getInteger("pendingReferrals", 0);
                    });
            counts.put(advocate, count);
        }
        return counts;
    }

    private static Set<String> ids(MongoCollection<Document> collection, String field, Collection<String> among) {
        Set<String> found = new HashSet<>();
        collection.find(Filters.in(field, among)).forEach(doc -> found.add(String.valueOf(doc.get(field))));
        return found;
    }

    private static int extra(Collection<Integer> counts) {
        return counts.stream().mapToInt(count -> count - 1).sum();
    }

    static List<String> nonZero(Map<String, Integer> counts) {
        List<String> wrong = new ArrayList<>();
        counts.forEach((what, count) -> {
            if (count != 0) {
                wrong.add(what);
            }
        });
        return wrong;
    }

    @Override
    public void close() {
        client.close();
    }
}
