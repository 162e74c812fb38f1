package org.village.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
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
 * Faults under a steady load, on a running stack: intakes are posted on a schedule (not waiting for answers), and
 * advocates, the officer and the shelters' staff work ({@link FaultWork}: task completions, referrals, their
 * answers, acknowledgments) while each service instance is killed in turn ({@code kill -9}; the stack's
 * supervisor starts it again), the Kafka broker is stopped and later started, and the MongoDB endpoint is
 * restarted. Then it reconciles through the API and the databases ({@link FaultChecks}): every accepted intake has
 * exactly one case and one assignment, every request answered 2xx took effect, nothing was done or told twice,
 * bed counts equal the holds and arrivals, pending-referral counts and caseloads equal a recount, no outbox holds
 * an unpublished event and no service gave up on a record. It returns the figures; {@link Report#table()} prints
 * them.
 */
final class FaultRun {

    /**
     * How long and how hard: rounds of faults, the intakes per second, how long the broker stays down, and whether
     * every service instance is killed at once (a power cut of the apps) or one after another.
     */
    record Plan(int rounds, double intakesPerSecond, Duration brokerDown, Duration settle, boolean killAllAtOnce) {

        /** The short version that runs in the test command: one round, every service killed at once. */
        static final Plan SHORT = new Plan(1, 2, Duration.ofSeconds(10), Duration.ofSeconds(120), true);

        /** The full run ({@code LongFaultRun}): three rounds, each instance in turn, the broker down 30 s each time. */
        static final Plan LONG = new Plan(3, 4, Duration.ofSeconds(30), Duration.ofSeconds(300), false);
    }

    /** What the run found. */
    record Report(
            Map<String, FaultWork.Figures> requests,
            Map<String, Integer> lostBy,
            Map<String, Integer> duplicatedBy,
            Map<String, Integer> mismatched,
            Map<String, Integer> deadLetters,
            Map<String, Duration> recovery) {

        /** Requests of a kind answered 2xx. */
        int accepted(String kind) {
            return requests.get(kind).accepted();
        }

        int lost() {
            return lostBy.values().stream().mapToInt(Integer::intValue).sum();
        }

        int duplicated() {
            return duplicatedBy.values().stream().mapToInt(Integer::intValue).sum();
        }

        String table() {
            StringBuilder text = new StringBuilder("\nFault run\n");
            text.append(String.format("  %-62s %8s %8s %8s%n", "requests", "sent", "2xx", "refused"));
            requests.forEach((kind, figures) -> text.append(String.format(
                    "  %-62s %8d %8d %8d%n",
                    kind, figures.sent(), figures.accepted(), figures.sent() - figures.accepted())));
            requests.forEach((kind, figures) -> figures.refused()
                    .forEach((why, count) ->
                            text.append(String.format("  %-62s %8d%n", kind + " refused: " + why, count))));
            line(text, "lost: ", lostBy);
            text.append(String.format("  %-62s %8d%n", "lost, in all (must be 0)", lost()));
            line(text, "duplicated: ", duplicatedBy);
            text.append(String.format("  %-62s %8d%n", "duplicated, in all (must be 0)", duplicated()));
            line(text, "", mismatched);
            deadLetters.forEach((service, count) ->
                    text.append(String.format("  %-62s %8d%n", "dead letters in " + service, count)));
            recovery.forEach((fault, took) ->
                    text.append(String.format("  %-62s %8.1f s%n", "back after " + fault, took.toMillis() / 1000.0)));
            return text.toString();
        }

        private static void line(StringBuilder text, String prefix, Map<String, Integer> counts) {
            counts.forEach((what, count) -> text.append(String.format("  %-62s %8d%n", prefix + what, count)));
        }
    }

    /**
     * What every fault run must show: each kind of request went through during the run, nothing answered 2xx was
     * lost, nothing doubled, every count equals its recount, no dead letter.
     */
    static void assertClean(Report report) {
        report.requests()
                .forEach((kind, figures) -> assertThat(figures.accepted())
                        .as(kind + " answered 2xx\n" + report.table())
                        .isPositive());
        assertThat(report.lost()).as(report.table()).isZero();
        assertThat(report.duplicated()).as(report.table()).isZero();
        assertThat(FaultChecks.nonZero(report.mismatched())).as(report.table()).isEmpty();
        assertThat(report.deadLetters().values()).as(report.table()).containsOnly(0);
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
        try (FaultChecks checks = new FaultChecks(stack.config().mongo())) {
            return run(plan, checks);
        }
    }

    private Report run(Plan plan, FaultChecks checks) throws InterruptedException {
        Instant since = Instant.now();
        roomInTheShelters();
        FaultChecks.Before before = checks.before();
        Fresh officer = new Fresh(() -> tokens.apply("officer.chen"));
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        FaultWork.Tally intakes = new FaultWork.Tally();
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        long every = Math.round(1_000_000 / plan.intakesPerSecond());
        var load = schedule.scheduleAtFixedRate(
                () -> {
                    intakes.sent();
                    senders.submit(() -> send(officer, accepted, intakes));
                },
                0,
                every,
                TimeUnit.MICROSECONDS);
        FaultWork work = new FaultWork(api, tokens, since);
        work.start();

        Map<String, Duration> recovery = new LinkedHashMap<>();
        for (int round = 1; round <= plan.rounds(); round++) {
            String suffix = plan.rounds() == 1 ? "" : " (round " + round + ")";
            if (plan.killAllAtOnce()) {
                Instant killed = Instant.now();
                stack.serviceInstances().forEach(stack::kill);
                for (String service : stack.serviceInstances()) {
                    awaitReady(service, Duration.ofMinutes(3));
                    recovery.put(
                            "kill -9 of every service at once: " + service + suffix,
                            Duration.between(killed, Instant.now()));
                }
            } else {
                // every instance of every service in turn; with several, the others serve meanwhile
                for (String service : stack.serviceInstances()) {
                    Instant killed = Instant.now();
                    stack.kill(service);
                    awaitReady(service, Duration.ofMinutes(2));
                    recovery.put("kill -9 of " + service + suffix, Duration.between(killed, Instant.now()));
                }
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
        Thread.sleep(10_000); // a little work after the last fault
        load.cancel(false);
        schedule.shutdown();
        senders.shutdown();
        senders.awaitTermination(2, TimeUnit.MINUTES);
        work.stop();

        Instant deadline = Instant.now().plus(plan.settle());
        Map<String, String> caseOf = settle(accepted, deadline);
        Map<String, Integer> lost = new LinkedHashMap<>();
        lost.put("intakes (201) without an assigned case in the case list", accepted.size() - caseOf.size());
        lost.putAll(checks.lostIntakes(accepted));
        lost.putAll(checks.lostWork(work.ledger()));
        Map<String, Integer> mismatched = reconciled(checks, before, deadline.plus(Duration.ofMinutes(1)));
        Map<String, Integer> duplicated = new LinkedHashMap<>();
        duplicated.put(
                "officer or advocate told twice about a case (their lists)", duplicates(Set.copyOf(caseOf.values())));
        duplicated.putAll(checks.duplicated(accepted, work.ledger(), before));

        Map<String, Integer> deadLetters = new TreeMap<>();
        String admin = tokens.apply("admin"); // fresh: the run may outlast a token
        for (String service : List.of("intake", "case", "referral", "notification", "reporting")) {
            JsonNode page =
                    api.get("/api/admin/dead-letters?service=" + service, admin).json();
            deadLetters.put(service, page == null ? -1 : page.path("items").size());
        }
        Map<String, FaultWork.Figures> requests = new LinkedHashMap<>();
        requests.put("intakes", intakes.figures());
        requests.putAll(work.figures());
        return new Report(requests, lost, duplicated, mismatched, deadLetters, recovery);
    }

    /**
     * Room for the run's referrals: each shelter's staff add 500 beds to its count (the run's arrivals are never
     * discharged, and a shelter that fills up refuses referrals the run wants to see go through).
     */
    private void roomInTheShelters() {
        FaultWork.SHELTERS.forEach((shelter, staff) -> {
            String token = tokens.apply(staff);
            JsonNode own = api.get("/api/shelters", token).json().get("items").get(0);
            ApiClient.Response recount = api.put(
                    "/api/shelters/" + shelter + "/beds",
                    token,
                    Map.of(
                            "total",
                            own.get("totalBeds").asInt() + 500,
                            "occupied",
                            own.get("occupiedBeds").asInt()));
            if (recount.status() != 200) {
                throw new IllegalStateException("could not make room in " + shelter + ": " + recount.text());
            }
        });
    }

    /**
     * The counts that must equal a recount, once the flow has caught up: asked again every two seconds until all
     * agree or {@code deadline}. Each advocate's caseload (as the API answers it) is compared too.
     */
    private Map<String, Integer> reconciled(FaultChecks checks, FaultChecks.Before before, Instant deadline)
            throws InterruptedException {
        while (true) {
            Map<String, Integer> mismatched = new LinkedHashMap<>(checks.mismatched(before));
            int caseloads = 0;
            for (Map.Entry<String, long[]> recount :
                    checks.caseloads(FaultWork.ADVOCATES).entrySet()) {
                JsonNode caseload =
                        api.get("/api/caseload", tokens.apply(recount.getKey())).json();
                boolean equal = caseload != null
                        && caseload.path("openCases").asLong(-1) == recount.getValue()[0]
                        && caseload.path("pendingReferrals").asLong(-1) == recount.getValue()[1];
                caseloads += equal ? 0 : 1;
            }
            mismatched.put("advocates whose caseload is not a recount", caseloads);
            if (FaultChecks.nonZero(mismatched).isEmpty() || Instant.now().isAfter(deadline)) {
                return mismatched;
            }
            Thread.sleep(2_000); // events of the last requests still on their way
        }
    }

    /** A user's token, taken again every minute: a run outlasts one. */
    static final class Fresh {

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

    private void send(Fresh officer, ConcurrentLinkedQueue<String> accepted, FaultWork.Tally intakes) {
        try {
            ApiClient.Response response = api.post(
                    "/api/intakes",
                    officer.get(),
                    StackApi.highDangerIntake(
                            "Fault" + UUID.randomUUID().toString().substring(0, 6)),
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            if (response.status() == 201) {
                accepted.add(response.json().get("intakeId").asString());
            }
            intakes.answered(response, null);
        } catch (RuntimeException failed) {
            intakes.answered(null, failed);
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
     * Each accepted intake's case, once it has one and an advocate, waiting until {@code deadline}: read from the
     * agency supervisor's case list, a page of 200 at a time, so that the check does not hit the rate limit.
     */
    private Map<String, String> settle(ConcurrentLinkedQueue<String> accepted, Instant deadline)
            throws InterruptedException {
        Set<String> intakes = Set.copyOf(accepted);
        Map<String, String> caseOf = new LinkedHashMap<>();
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
