package org.village.devstack.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow.Subscriber;
import java.util.concurrent.Flow.Subscription;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The flow, as its users live it: an officer's intakes posted through the gateway open-loop (each at its due
 * time, whether or not the earlier ones were answered), and the time from each intake's due time until its case's
 * CASE_ASSIGNED arrives on the assigned advocate's live stream; the reads an advocate makes all day, meanwhile;
 * and the CPU each process spent.
 */
final class Flow {

    static final List<String> ADVOCATES = List.of("advocate.avery", "advocate.blake");
    static final List<String> READS = List.of(
            "/api/notifications?unread=true",
            "/api/notifications/unread-count",
            "/api/caseload",
            "/api/cases",
            "/api/cases/{case}");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String gateway;
    private final AtomicLong acknowledged = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Supplier<Map<String, Long>> cpu;
    private final Supplier<Map<String, DatabaseTop.Usage>> database;

    /**
     * {@code cpu} tells each process's CPU time so far, in ms, by its name; {@code database} the commands each
     * collection served so far.
     */
    Flow(String gateway, Supplier<Map<String, Long>> cpu, Supplier<Map<String, DatabaseTop.Usage>> database) {
        this.gateway = gateway;
        this.cpu = cpu;
        this.database = database;
    }

    /** Figures of one rate. */
    record Result(
            double offered,
            double achieved,
            long accepted,
            long refused,
            Map<String, Long> refusedBy,
            Latency.Figures post,
            Latency.Figures flow,
            Latency.Figures reads,
            Map<String, Latency.Figures> readsByKind,
            long backlog,
            double drainedSeconds,
            Map<String, Double> cpuMillisPerIntake,
            Map<String, DatabaseTop.Share> databasePerIntake) {

        /** Database commands per intake, every collection's together. */
        double databaseCommands() {
            return databasePerIntake.values().stream()
                    .mapToDouble(DatabaseTop.Share::commands)
                    .sum();
        }
    }

    Result run(double perSecond, Duration duration) throws Exception {
        return run(perSecond, duration, false);
    }

    /** How many notifications the advocates have acknowledged, in every run that acknowledges. */
    long acknowledged() {
        return acknowledged.get();
    }

    /**
     * One rate; with {@code acknowledging}, the advocates acknowledge every notification that asks for it as it
     * arrives on their streams, as people at work do (what is stored is then what a day's use leaves, not
     * notifications re-sent every 15 minutes for ever).
     */
    // an answer that never comes is counted where it shows: a refused post, a case never told, a backlog
    @SuppressWarnings("FutureReturnValueIgnored")
    Result run(double perSecond, Duration duration, boolean acknowledging) throws Exception {
        String officer = token("officer.reyes");
        String reading = token(ADVOCATES.get(0));
        Map<String, String> advocates = new HashMap<>();
        for (String advocate : ADVOCATES) {
            advocates.put(advocate, token(advocate));
        }
        Map<String, Long> dueOfCase = new ConcurrentHashMap<>();
        Map<String, Long> arrivedOfCase = new ConcurrentHashMap<>();
        Latency flow = new Latency();
        List<Stream> streams = new ArrayList<>();
        for (String advocate : ADVOCATES) {
            String token = Objects.requireNonNull(advocates.get(advocate));
            Stream stream =
                    new Stream(dueOfCase, arrivedOfCase, flow, acknowledging ? id -> acknowledge(id, token) : id -> {});
            http.sendAsync(
                    HttpRequest.newBuilder(URI.create(gateway + "/api/notifications/stream"))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "text/event-stream")
                            .build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(stream));
            streams.add(stream);
        }
        for (Stream stream : streams) {
            if (!stream.opened.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("an advocate's live stream did not open within 30 s");
            }
        }

        Map<String, Long> cpuBefore = cpuMillis();
        Map<String, DatabaseTop.Usage> databaseBefore = database.get();
        Map<String, Long> refusedBy = new ConcurrentSkipListMap<>();
        Latency post = new Latency();
        Latency reads = new Latency();
        Map<String, Latency> readsByKind = new LinkedHashMap<>();
        READS.forEach(kind -> readsByKind.put(kind, new Latency()));
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Reader reader = new Reader(reading, reads, readsByKind);
        reader.start();
        long every = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        long count = Math.max(1, (long) (perSecond * duration.toSeconds()));
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long due = start + i * every;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // arrivals on a schedule, not waiting for answers
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/intakes"))
                    .header("Authorization", "Bearer " + officer)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Intakes.highDanger()))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                post.record(System.nanoTime() - due);
                if (failure == null && response.statusCode() == 201) {
                    accepted.incrementAndGet();
                    String intakeId =
                            JSON.readTree(response.body()).get("intakeId").asString();
                    String caseId = Intakes.caseOf(intakeId);
                    dueOfCase.put(caseId, due);
                    Long arrived = arrivedOfCase.remove(caseId);
                    if (arrived != null) {
                        flow.record(arrived - due); // told before the answer reached the officer
                        dueOfCase.remove(caseId);
                    }
                } else {
                    refused.incrementAndGet();
                    // what the officer would have seen instead: an answer's status, or the failure's kind
                    refusedBy.merge(
                            failure == null
                                    ? String.valueOf(response.statusCode())
                                    : failure.getClass().getSimpleName(),
                            1L,
                            Long::sum);
                }
            });
        }
        long end = System.nanoTime();
        Thread.sleep(2_000); // the last answers to the posts
        long backlog = dueOfCase.size();
        long drainFrom = System.nanoTime();
        long deadline = drainFrom + TimeUnit.SECONDS.toNanos(120);
        while (!dueOfCase.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100); // the backlog drains
        }
        double drained = dueOfCase.isEmpty() ? (System.nanoTime() - drainFrom) / 1e9 : -1;
        reader.stop();
        Map<String, Long> cpuAfter = cpuMillis();
        Map<String, DatabaseTop.Share> databasePerIntake =
                DatabaseTop.perIntake(databaseBefore, database.get(), accepted.get());
        streams.forEach(Stream::close);
        Map<String, Double> perIntake = new LinkedHashMap<>();
        cpuAfter.forEach((process, after) -> perIntake.put(
                process, (after - cpuBefore.getOrDefault(process, 0L)) / (double) Math.max(1, accepted.get())));
        // the posts' schedule spans the planned time; what was taken over it is the throughput achieved
        double seconds = Math.max((end - start) / 1e9, count / perSecond);
        return new Result(
                perSecond,
                accepted.get() / seconds,
                accepted.get(),
                refused.get(),
                Map.copyOf(refusedBy),
                post.figures(),
                flow.figures(),
                reads.figures(),
                figuresOf(readsByKind),
                backlog,
                drained,
                perIntake,
                databasePerIntake);
    }

    @SuppressWarnings("FutureReturnValueIgnored") // one not taken is re-sent, and acknowledged when it comes again
    private void acknowledge(String notificationId, String token) {
        http.sendAsync(
                        HttpRequest.newBuilder(URI.create(gateway + "/api/notifications/" + notificationId + "/ack"))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .thenAccept(response -> {
                    if (response.statusCode() == 204) {
                        acknowledged.incrementAndGet();
                    }
                });
    }

    private static Map<String, Latency.Figures> figuresOf(Map<String, Latency> byKind) {
        Map<String, Latency.Figures> figures = new LinkedHashMap<>();
        byKind.forEach((kind, latency) -> figures.put(kind, latency.figures()));
        return figures;
    }

    private Map<String, Long> cpuMillis() {
        return cpu.get();
    }

    /** A demo user's token from the local password grant. */
    String token(String user) throws Exception {
        String form = "grant_type=password&client_id=village-cli&username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=village";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    /**
     * An advocate's live stream: the time each case's CASE_ASSIGNED arrives; each notification that asks to be
     * acknowledged is handed to {@code acknowledge} by id.
     */
    private static final class Stream implements Subscriber<String> {
        private final Map<String, Long> dueOfCase;
        private final Map<String, Long> arrivedOfCase;
        private final Latency flow;
        private final Consumer<String> acknowledge;
        private volatile @Nullable Subscription subscription;
        private boolean notification;
        /** Counted down at the stream's first event (its unread count, sent as it opens). */
        final CountDownLatch opened = new CountDownLatch(1);

        Stream(
                Map<String, Long> dueOfCase,
                Map<String, Long> arrivedOfCase,
                Latency flow,
                Consumer<String> acknowledge) {
            this.dueOfCase = dueOfCase;
            this.arrivedOfCase = arrivedOfCase;
            this.flow = flow;
            this.acknowledge = acknowledge;
        }

        @Override
        public void onSubscribe(Subscription given) {
            subscription = given;
            given.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            long now = System.nanoTime();
            if (line.startsWith("event:")) {
                opened.countDown();
                notification = line.contains("notification");
            } else if (notification && line.startsWith("data:")) {
                JsonNode data = JSON.readTree(line.substring(5));
                if (data.path("requiresAck").asBoolean(false)) {
                    acknowledge.accept(data.path("notificationId").asString(""));
                }
                if ("CASE_ASSIGNED".equals(data.path("kind").asString(""))) {
                    String caseId = data.path("caseId").asString("");
                    Long due = dueOfCase.remove(caseId);
                    if (due != null) {
                        flow.record(now - due);
                    } else {
                        arrivedOfCase.put(caseId, now);
                    }
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // the run ends it
        }

        @Override
        public void onComplete() {
            // the run ends it
        }

        void close() {
            Subscription given = subscription;
            if (given != null) {
                given.cancel();
            }
        }
    }

    /**
     * An advocate reading as they do all day, one read after another in turn, about five a second (each of them
     * about once a second): the inbox, the unread count, the caseload, the case list and the newest case.
     */
    private final class Reader {
        private final String token;
        private final Latency reads;
        private final Map<String, Latency> byKind;
        private volatile boolean running = true;
        private final Thread thread;

        /** Records every read in {@code reads}, and each in its kind's (a path of {@link #READS}) too. */
        Reader(String token, Latency reads, Map<String, Latency> byKind) {
            this.token = token;
            this.reads = reads;
            this.byKind = byKind;
            this.thread = new Thread(this::read, "bench-reads");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }

        private void read() {
            @Nullable String caseId = null;
            int next = 0;
            while (running) {
                String kind = READS.get(next++ % READS.size());
                String path = kind;
                if (path.contains("{case}")) {
                    if (caseId == null) {
                        continue;
                    }
                    path = path.replace("{case}", caseId);
                }
                long begun = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(URI.create(gateway + path))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    record(kind, System.nanoTime() - begun);
                    if (path.equals("/api/cases") && response.statusCode() == 200) {
                        JsonNode items = JSON.readTree(response.body()).get("items");
                        if (items != null && !items.isEmpty()) {
                            caseId = items.get(0).get("caseId").asString();
                        }
                    }
                    Thread.sleep(200); // a person's pace: five reads a second between them
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception failed) {
                    record(kind, System.nanoTime() - begun);
                }
            }
        }

        private void record(String kind, long nanos) {
            reads.record(nanos);
            Objects.requireNonNull(byKind.get(kind), kind).record(nanos);
        }
    }
}
