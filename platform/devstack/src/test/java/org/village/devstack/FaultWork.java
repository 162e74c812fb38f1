package org.village.devstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.village.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * The people who work while the faults happen: the advocates complete their first-contact tasks, refer the cases
 * to the shelters and acknowledge what they are told; the officer acknowledges too; each shelter's staff accept,
 * decline and complete the referrals they receive. Every request is retried as a careful client would (a 5xx, a
 * 429 or a broken connection, up to four times; a referral with the same {@code Idempotency-Key}), and what was
 * answered 2xx is written down so that the run can check afterwards that it took effect.
 */
final class FaultWork {

    /** The demo shelters and their staff. */
    static final Map<String, String> SHELTERS = Map.of("harbor-house", "shelter.harbor", "safe-haven", "shelter.haven");

    static final List<String> ADVOCATES = List.of("advocate.avery", "advocate.blake");

    /** What one kind of request came to. */
    static final class Tally {
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger accepted = new AtomicInteger();
        private final Map<String, Integer> refused = new ConcurrentHashMap<>();

        void sent() {
            sent.incrementAndGet();
        }

        void answered(ApiClient.@Nullable Response response, @Nullable RuntimeException failure) {
            if (response != null && response.status() / 100 == 2) {
                accepted.incrementAndGet();
            } else {
                refused.merge(
                        response != null
                                ? "HTTP " + response.status()
                                : failure.getClass().getSimpleName(),
                        1,
                        Integer::sum);
            }
        }

        Figures figures() {
            return new Figures(sent.get(), accepted.get(), new TreeMap<>(refused));
        }
    }

    /** Sent, answered 2xx, refused by why. */
    record Figures(int sent, int accepted, Map<String, Integer> refused) {}

    /** What was answered 2xx, to be found done afterwards. */
    static final class Ledger {
        final Set<String> completedTasks = ConcurrentHashMap.newKeySet();
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        /** Referral id → case id, for every referral answered 201. */
        final Map<String, String> referred = new ConcurrentHashMap<>();
        /** Referral id → the status a shelter's 200 put it in. */
        final Map<String, String> answered = new ConcurrentHashMap<>();
        /** Cases an advocate asked a referral for, answered or not. */
        final Set<String> referralAsked = ConcurrentHashMap.newKeySet();
    }

    private final ApiClient api;
    private final Function<String, String> tokens;
    private final Instant since;
    private final Ledger ledger = new Ledger();
    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private final AtomicBoolean working = new AtomicBoolean(true);
    private final List<Thread> people = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> broken = new ConcurrentLinkedQueue<>();

    /** Work on the cases opened from {@code since} on (their first contact is due a day later). */
    FaultWork(ApiClient api, Function<String, String> tokens, Instant since) {
        this.api = api;
        this.tokens = tokens;
        this.since = since;
        for (String kind : List.of("task completions", "referrals", "referral answers", "acknowledgments")) {
            tallies.put(kind, new Tally());
        }
    }

    void start() {
        for (String advocate : ADVOCATES) {
            person(advocate, this::advocate);
        }
        person("officer.chen", this::acknowledge);
        SHELTERS.values().forEach(staff -> person(staff, this::shelter));
    }

    /** Stops everyone and waits for the requests under way. */
    void stop() throws InterruptedException {
        working.set(false);
        for (Thread person : people) {
            person.join(Duration.ofMinutes(1).toMillis());
        }
        if (!broken.isEmpty()) {
            throw new IllegalStateException("a worker of the fault run broke down", broken.peek());
        }
    }

    Ledger ledger() {
        return ledger;
    }

    Map<String, Figures> figures() {
        Map<String, Figures> figures = new LinkedHashMap<>();
        tallies.forEach((kind, tally) -> figures.put(kind, tally.figures()));
        return figures;
    }

    private interface Shift {
        void once(Supplier<String> token) throws InterruptedException;
    }

    private void person(String user, Shift shift) {
        Thread person = new Thread(
                () -> {
                    Supplier<String> token = new FaultRun.Fresh(() -> tokens.apply(user))::get;
                    while (working.get()) {
                        try {
                            shift.once(token);
                            Thread.sleep(1_500); // a person's pace, and well under the gateway's rate limit
                        } catch (InterruptedException stopped) {
                            Thread.currentThread().interrupt();
                            return;
                        } catch (RuntimeException | AssertionError e) {
                            broken.add(e);
                            return;
                        }
                    }
                },
                "fault-run-" + user);
        person.setDaemon(true);
        people.add(person);
        person.start();
    }

    /** One round of an advocate's work: a first contact made, a case referred, something acknowledged. */
    private void advocate(Supplier<String> token) throws InterruptedException {
        JsonNode tasks = read("/api/tasks?mine=true&limit=100", token);
        if (tasks != null) {
            Instant dueFrom = since.plus(Duration.ofHours(23));
            List<JsonNode> firstContacts = new ArrayList<>();
            tasks.get("items").forEach(task -> {
                if ("ADVOCATE_FIRST_CONTACT".equals(task.path("kind").asString(""))
                        && Instant.parse(task.get("dueAt").asString()).isAfter(dueFrom)) {
                    firstContacts.add(task);
                }
            });
            for (JsonNode task : firstContacts) {
                String taskId = task.get("taskId").asString();
                if ("OPEN".equals(task.get("status").asString()) && !ledger.completedTasks.contains(taskId)) {
                    ApiClient.Response done = send(
                            "task completions",
                            () -> api.post(
                                    "/api/tasks/" + taskId + "/complete",
                                    token.get(),
                                    Map.of("outcome", "Reached by phone; safety planning started")));
                    if (ok(done)) {
                        ledger.completedTasks.add(taskId);
                    }
                    break;
                }
            }
            for (JsonNode task : firstContacts) {
                String caseId = task.get("caseId").asString();
                if (ledger.completedTasks.contains(task.get("taskId").asString()) && ledger.referralAsked.add(caseId)) {
                    refer(caseId, token);
                    break;
                }
            }
        }
        acknowledge(token);
    }

    private void refer(String caseId, Supplier<String> token) throws InterruptedException {
        String shelter = Math.floorMod(caseId.hashCode(), 2) == 0 ? "harbor-house" : "safe-haven";
        Map<String, String> once = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        ApiClient.Response created = send(
                "referrals",
                () -> api.post(
                        "/api/referrals",
                        token.get(),
                        Map.of(
                                "caseId",
                                caseId,
                                "shelterId",
                                shelter,
                                "household",
                                Map.of("adults", 1, "children", 0),
                                "needs",
                                List.of("SHELTER")),
                        once));
        if (ok(created)) {
            ledger.referred.put(created.json().get("referralId").asString(), caseId);
        }
    }

    /** Acknowledges up to two of the caller's unacknowledged notifications. */
    private void acknowledge(Supplier<String> token) throws InterruptedException {
        JsonNode unread = read("/api/notifications?unread=true&limit=20", token);
        if (unread == null) {
            return;
        }
        int done = 0;
        for (JsonNode notification : unread.get("items")) {
            String id = notification.get("notificationId").asString();
            if (done++ == 2) {
                break;
            }
            ApiClient.Response acked =
                    send("acknowledgments", () -> api.post("/api/notifications/" + id + "/ack", token.get(), null));
            if (ok(acked)) {
                ledger.acknowledged.add(id);
            }
        }
    }

    /** One round of a shelter's staff: answers up to three of the run's referrals, completes accepted ones. */
    private void shelter(Supplier<String> token) throws InterruptedException {
        JsonNode referrals = read("/api/referrals?limit=100", token);
        if (referrals == null) {
            return;
        }
        int answers = 0;
        for (JsonNode referral : referrals.get("items")) {
            String id = referral.get("referralId").asString();
            if (!ledger.referred.containsKey(id) || answers == 3) {
                continue;
            }
            String status = referral.get("status").asString();
            String action;
            Object body = null;
            if ("PENDING".equals(status)) {
                boolean decline = Math.floorMod(id.hashCode(), 3) == 0;
                action = decline ? "decline" : "accept";
                body = decline ? Map.of("reason", "OTHER", "note", "Full tonight") : null;
            } else if ("ACCEPTED".equals(status)) {
                action = "complete";
            } else {
                continue;
            }
            answers++;
            Object sent = body;
            ApiClient.Response answer =
                    send("referral answers", () -> api.post("/api/referrals/" + id + "/" + action, token.get(), sent));
            if (ok(answer)) {
                ledger.answered.put(id, answer.json().get("status").asString());
            }
        }
    }

    private static boolean ok(ApiClient.@Nullable Response response) {
        return response != null && response.status() / 100 == 2;
    }

    /**
     * Sends a request as a careful client does: again after a 5xx, a 429 or a broken connection, up to four times,
     * a little later each time. Returns the last answer, or null when there was none.
     */
    private ApiClient.@Nullable Response send(String kind, Supplier<ApiClient.Response> request)
            throws InterruptedException {
        Tally tally = tallies.get(kind);
        tally.sent();
        ApiClient.Response response = null;
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= 4; attempt++) {
            try {
                response = request.get();
                failure = null;
                if (response.status() < 500 && response.status() != 429) {
                    break;
                }
            } catch (RuntimeException e) {
                response = null;
                failure = e;
            }
            Thread.sleep(1_000L * attempt); // the service, broker or database coming back
        }
        tally.answered(response, failure);
        return response;
    }

    /** A list the caller reads, or null when it cannot be read right now. */
    private @Nullable JsonNode read(String path, Supplier<String> token) {
        try {
            ApiClient.Response response = api.get(path, token.get());
            return response.status() == 200 ? response.json() : null;
        } catch (RuntimeException unreachable) {
            return null; // a service down: the next round reads again
        }
    }
}
