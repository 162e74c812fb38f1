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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.village.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * Faults under a steady load, on a running stack: intakes are posted on a schedule (not waiting for answers) while
 * each service is killed in turn ({@code kill -9}; the stack's supervisor starts it again), the Kafka broker is
 * stopped and later started, and the MongoDB endpoint is restarted. Then it reconciles through the API: every
 * accepted intake has its case and an advocate, the officer and the advocate were each told once per case, and
 * no service gave up on a record. It returns the figures; {@link Report#table()} prints them.
 */
final class FaultRun {

    /** How long and how hard: rounds of faults, the intakes per second, how long the broker stays down. */
    record Plan(int rounds, double intakesPerSecond, Duration brokerDown, Duration settle) {

        /** The short version that runs in the test command: one round. */
        static final Plan SHORT = new Plan(1, 2, Duration.ofSeconds(10), Duration.ofSeconds(120));

        /** The full run ({@code LongFaultRun}): three rounds, the broker down 30 s each time. */
        static final Plan LONG = new Plan(3, 4, Duration.ofSeconds(30), Duration.ofSeconds(300));
    }

    /** What the run found. */
    record Report(
            int sent,
            int accepted,
            Map<String, Integer> refused,
            int lost,
            int duplicated,
            Map<String, Integer> deadLetters,
            Map<String, Duration> recovery) {

        String table() {
            StringBuilder text = new StringBuilder("\nFault run\n");
            text.append(String.format("  %-44s %8d%n", "intakes sent", sent));
            text.append(String.format("  %-44s %8d%n", "accepted (201)", accepted));
            refused.forEach((why, count) -> text.append(String.format("  %-44s %8d%n", "refused: " + why, count)));
            text.append(String.format("  %-44s %8d%n", "lost (accepted, no case)", lost));
            text.append(String.format("  %-44s %8d%n", "duplicated (told twice)", duplicated));
            deadLetters.forEach((service, count) ->
                    text.append(String.format("  %-44s %8d%n", "dead letters in " + service, count)));
            recovery.forEach((fault, took) ->
                    text.append(String.format("  %-44s %8.1f s%n", "back after " + fault, took.toMillis() / 1000.0)));
            return text.toString();
        }
    }

    private final DevStack stack;
    private final ApiClient api;
    private final Function<String, String> tokens;

    FaultRun(DevStack stack, ApiClient api, Function<String, String> tokens) {
        this.stack = stack;
        this.api = api;
        this.tokens = tokens;
    }

    Report run(Plan plan) throws InterruptedException {
        Fresh officer = new Fresh(() -> tokens.apply("officer.chen"));
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        Map<String, Integer> refused = new ConcurrentHashMap<>();
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Integer> sent = new ArrayList<>(List.of(0));
        long every = Math.round(1_000_000 / plan.intakesPerSecond());
        var load = schedule.scheduleAtFixedRate(
                () -> {
                    synchronized (sent) {
                        sent.set(0, sent.get(0) + 1);
                    }
                    senders.submit(() -> send(officer, accepted, refused));
                },
                0,
                every,
                TimeUnit.MICROSECONDS);

        Map<String, Duration> recovery = new LinkedHashMap<>();
        for (int round = 1; round <= plan.rounds(); round++) {
            String suffix = plan.rounds() == 1 ? "" : " (round " + round + ")";
            // every instance of every service in turn; with several, the others serve meanwhile
            for (String service : stack.serviceInstances()) {
                Instant killed = Instant.now();
                stack.kill(service);
                awaitReady(service, Duration.ofMinutes(2));
                recovery.put("kill -9 of " + service + suffix, Duration.between(killed, Instant.now()));
            }
            Instant stopped = Instant.now();
            stack.stop(DevStack.KAFKA);
            Thread.sleep(plan.brokerDown().toMillis());
            stack.restart(DevStack.KAFKA);
            recovery.put(
                    "broker down " + plan.brokerDown().toSeconds() + " s" + suffix,
                    Duration.between(stopped, Instant.now()));
            Instant restarted = Instant.now();
            stack.stop(DevStack.MONGO);
            stack.restart(DevStack.MONGO);
            recovery.put("MongoDB restart" + suffix, Duration.between(restarted, Instant.now()));
        }
        Thread.sleep(5_000); // a little load after the last fault
        load.cancel(false);
        schedule.shutdown();
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);

        Map<String, String> caseOf = settle(accepted, plan.settle());
        int lost = accepted.size() - caseOf.size();
        int duplicated = duplicates(Set.copyOf(caseOf.values()));
        Map<String, Integer> deadLetters = new TreeMap<>();
        String admin = tokens.apply("admin"); // fresh: the run may outlast a token
        for (String service : List.of("intake", "case", "referral", "notification", "reporting")) {
            JsonNode page =
                    api.get("/api/admin/dead-letters?service=" + service, admin).json();
            deadLetters.put(service, page == null ? -1 : page.path("items").size());
        }
        int total;
        synchronized (sent) {
            total = sent.get(0);
        }
        return new Report(total, accepted.size(), Map.copyOf(refused), lost, duplicated, deadLetters, recovery);
    }

    /** The officer's token, taken again every minute: a run outlasts one. */
    private static final class Fresh {

        private final Supplier<String> take;
        private String token;
        private Instant taken;

        Fresh(Supplier<String> take) {
            this.take = take;
            this.token = take.get();
            this.taken = Instant.now();
        }

        synchronized String get() {
            if (Duration.between(taken, Instant.now()).toSeconds() > 60) {
                try {
                    token = take.get();
                    taken = Instant.now();
                } catch (RuntimeException identityBusy) {
                    // the token in hand is still good for a while
                }
            }
            return token;
        }
    }

    private void send(Fresh officer, ConcurrentLinkedQueue<String> accepted, Map<String, Integer> refused) {
        try {
            ApiClient.Response response = api.post(
                    "/api/intakes",
                    officer.get(),
                    StackApi.highDangerIntake(
                            "Fault" + UUID.randomUUID().toString().substring(0, 6)),
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            if (response.status() == 201) {
                accepted.add(response.json().get("intakeId").asString());
            } else {
                refused.merge("HTTP " + response.status(), 1, Integer::sum);
            }
        } catch (RuntimeException failed) {
            refused.merge(failed.getClass().getSimpleName(), 1, Integer::sum);
        }
    }

    private void awaitReady(String service, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        ManagedProcess process = stack.process(service);
        while (!process.isReady()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(service + " did not come back within " + within.toSeconds() + " s");
            }
            Thread.sleep(250); // polling a process: there is no event to wait on
        }
    }

    /**
     * Each accepted intake's case, once it has one and an advocate, waiting up to {@code within}: read from the
     * agency supervisor's case list, a page of 200 at a time, so that the check does not hit the rate limit.
     */
    private Map<String, String> settle(ConcurrentLinkedQueue<String> accepted, Duration within)
            throws InterruptedException {
        Set<String> intakes = Set.copyOf(accepted);
        Map<String, String> caseOf = new LinkedHashMap<>();
        Instant deadline = Instant.now().plus(within);
        while (caseOf.size() < intakes.size() && Instant.now().isBefore(deadline)) {
            for (JsonNode item : all("/api/cases", "supervisor.sam")) {
                String intakeId = item.path("intakeId").asString("");
                if (intakes.contains(intakeId) && item.path("advocate").isString()) {
                    caseOf.put(intakeId, item.get("caseId").asString());
                }
            }
            if (caseOf.size() < intakes.size()) {
                Thread.sleep(2_000); // the flow catches up after the faults
            }
        }
        return caseOf;
    }

    /**
     * Notifications beyond one per case and recipient: the officer's CASE_OPENED and the advocates'
     * CASE_ASSIGNED, once the last of them can have arrived.
     */
    private int duplicates(Set<String> caseIds) throws InterruptedException {
        Thread.sleep(5_000); // the last notifications of the settled cases
        int extra = extra(all("/api/notifications", "officer.chen"), caseIds, "CASE_OPENED");
        for (String advocate : List.of("advocate.avery", "advocate.blake")) {
            extra += extra(all("/api/notifications", advocate), caseIds, "CASE_ASSIGNED");
        }
        return extra;
    }

    private static int extra(List<JsonNode> notifications, Set<String> caseIds, String kind) {
        Map<String, Integer> perCase = new TreeMap<>();
        for (JsonNode notification : notifications) {
            String caseId = notification.path("caseId").asString("");
            if (caseIds.contains(caseId)
                    && kind.equals(notification.path("kind").asString(""))) {
                perCase.merge(caseId, 1, Integer::sum);
            }
        }
        return perCase.values().stream().mapToInt(count -> count - 1).sum();
    }

    /** Every item of a list answer for a user (a fresh token: the run outlasts one), following its cursors. */
    private List<JsonNode> all(String path, String user) throws InterruptedException {
        String token = tokens.apply(user);
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int refusals = 0;
        while (true) {
            ApiClient.Response response =
                    api.get(path + "?limit=200" + (cursor == null ? "" : "&cursor=" + cursor), token);
            if (response.status() != 200) {
                if (++refusals > 30) {
                    throw new IllegalStateException(path + " kept answering " + response.status());
                }
                Thread.sleep(2_000); // over the rate limit, or a service still coming back: ask again
                continue;
            }
            JsonNode page = response.json();
            page.get("items").forEach(items::add);
            if (page.get("nextCursor").isNull()) {
                break;
            }
            cursor = page.get("nextCursor").asString();
        }
        return items;
    }
}
