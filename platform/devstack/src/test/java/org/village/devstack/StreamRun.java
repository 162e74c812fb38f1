package org.village.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.village.testing.ApiClient;

/**
 * Live streams at a shift change, on a running stack: {@code count} streams opened through the gateway at
 * {@code perSecond}, spread over the demo users, all held open together past a keep-alive; then a new case's
 * notification is sent while they are open, and every stream of its recipients must show it; then every client
 * leaves at once, and neither notification-service nor the gateway may log an error or warning about it. It
 * returns the figures; {@link Report#table()} prints them.
 */
final class StreamRun {

    /** The users whose streams are opened, in turn (their tokens from the local password grant). */
    static final List<String> USERS = List.of(
            "officer.reyes",
            "officer.chen",
            "advocate.avery",
            "advocate.blake",
            "supervisor.sam",
            "shelter.harbor",
            "shelter.haven",
            "admin");

    /** What the run found. */
    record Report(
            int asked,
            Map<String, Integer> answers,
            int opened,
            List<Long> openMillis,
            int endedWhileHeld,
            int recipientsStreams,
            int toldOnStream,
            List<Long> toldMillis,
            int logProblemsAfterLeaving,
            boolean openAfterwards,
            Map<String, String> resources) {

        int serverErrors() {
            return answers.entrySet().stream()
                    .filter(answer -> answer.getKey().startsWith("HTTP 5"))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
        }

        String table() {
            StringBuilder text = new StringBuilder("\nLive streams\n");
            text.append(String.format("  %-52s %10d%n", "streams asked for", asked));
            answers.forEach(
                    (answer, count) -> text.append(String.format("  %-52s %10d%n", "answered " + answer, count)));
            text.append(String.format("  %-52s %10d%n", "open at once (first event received)", opened));
            text.append(
                    String.format("  %-52s %10s%n", "time to first event p50 / p99 / max (ms)", spread(openMillis)));
            text.append(String.format("  %-52s %10d%n", "ended while held open", endedWhileHeld));
            text.append(
                    String.format("  %-52s %10d%n", "recipients' streams when a case was opened", recipientsStreams));
            text.append(String.format("  %-52s %10d%n", "of which showed its notification", toldOnStream));
            text.append(
                    String.format("  %-52s %10s%n", "notification on stream p50 / p99 / max (ms)", spread(toldMillis)));
            text.append(String.format(
                    "  %-52s %10d%n", "errors and warnings logged after the clients left", logProblemsAfterLeaving));
            text.append(
                    String.format("  %-52s %10s%n", "a new stream opens afterwards", openAfterwards ? "yes" : "NO"));
            resources.forEach((what, value) -> text.append(String.format("  %-52s %10s%n", what, value)));
            return text.toString();
        }

        private static String spread(List<Long> millis) {
            if (millis.isEmpty()) {
                return "-";
            }
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return at(sorted, 0.50) + " / " + at(sorted, 0.99) + " / " + sorted.get(sorted.size() - 1);
        }

        private static long at(List<Long> sorted, double quantile) {
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
        }
    }

    /** One client's stream: when it was asked for, its answer, and what it read. */
    private static final class Stream implements Flow.Subscriber<String> {
        final String user;
        final long askedAt = System.nanoTime();
        final AtomicReference<Flow.@Nullable Subscription> subscription = new AtomicReference<>();
        volatile long firstEventAt;
        volatile long toldAt;
        volatile boolean ended;
        volatile boolean leaving;
        private volatile long watchFrom = Long.MAX_VALUE;

        Stream(String user) {
            this.user = user;
        }

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription.set(given);
            given.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("event:")) {
                long now = System.nanoTime();
                if (firstEventAt == 0) {
                    firstEventAt = now;
                }
                if (line.contains("notification") && toldAt == 0 && now >= watchFrom) {
                    toldAt = now;
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            ended = true;
        }

        @Override
        public void onComplete() {
            ended = true;
        }

        void watchFrom(long nanos) {
            watchFrom = nanos;
        }

        void leave() {
            leaving = true;
            Flow.Subscription given = subscription.get();
            if (given != null) {
                given.cancel();
            }
        }
    }

    private final DevStack stack;
    private final ApiClient api;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    StreamRun(DevStack stack, ApiClient api) {
        this.stack = stack;
        this.api = api;
    }

    Report run(int count, int perSecond, Duration hold) throws InterruptedException, IOException {
        Map<String, String> tokens = new TreeMap<>();
        for (String user : USERS) {
            tokens.put(user, StackApi.token(api, user));
        }
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        List<Stream> streams = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch answered = new CountDownLatch(count);
        long every = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * every;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // arrivals on a schedule, not waiting for answers
            }
            String user = USERS.get(i % USERS.size());
            Stream stream = new Stream(user);
            streams.add(stream);
            http.sendAsync(request(tokens.get(user)), info -> {
                        answers.merge("HTTP " + info.statusCode(), 1, Integer::sum);
                        answered.countDown();
                        return HttpResponse.BodySubscribers.fromLineSubscriber(stream);
                    })
                    .exceptionally(failure -> {
                        if (!stream.leaving && stream.firstEventAt == 0) {
                            answers.merge(failure.getClass().getSimpleName(), 1, Integer::sum);
                            answered.countDown();
                        }
                        stream.ended = true;
                        return null;
                    });
        }
        answered.await(2, TimeUnit.MINUTES);
        Thread.sleep(2_000); // the last streams' first event
        int opened = (int)
                streams.stream().filter(s -> s.firstEventAt != 0 && !s.ended).count();
        List<Long> openMillis = streams.stream()
                .filter(s -> s.firstEventAt != 0)
                .map(s -> TimeUnit.NANOSECONDS.toMillis(s.firstEventAt - s.askedAt))
                .toList();

        Thread.sleep(hold.toMillis()); // held open together, past the 20 s keep-alive
        int endedWhileHeld = (int)
                streams.stream().filter(s -> s.firstEventAt != 0 && s.ended).count();

        // a case opened now: its advocate and its officer are told, on every stream they hold
        long sentAt = System.nanoTime();
        streams.forEach(s -> s.watchFrom(sentAt));
        ApiClient.Response intake = api.post(
                "/api/intakes",
                tokens.get("officer.chen"),
                StackApi.highDangerIntake(
                        "Stream" + UUID.randomUUID().toString().substring(0, 6)),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        if (intake.status() != 201) {
            throw new IllegalStateException("the intake was refused: " + intake.text());
        }
        List<Stream> recipients = new ArrayList<>();
        Thread.sleep(15_000); // the flow and the fan-out
        for (Stream stream : streams) {
            if (stream.toldAt != 0) {
                recipients.add(stream);
            }
        }
        String advocate = recipients.stream()
                .map(s -> s.user)
                .filter(user -> user.startsWith("advocate."))
                .findFirst()
                .orElse("advocate.avery");
        List<Stream> ofRecipients = streams.stream()
                .filter(s -> s.firstEventAt != 0 && !s.ended)
                .filter(s -> s.user.equals("officer.chen") || s.user.equals(advocate))
                .toList();
        List<Long> toldMillis = ofRecipients.stream()
                .filter(s -> s.toldAt != 0)
                .map(s -> TimeUnit.NANOSECONDS.toMillis(s.toldAt - sentAt))
                .toList();

        Map<String, String> resources = new TreeMap<>();
        resources.put("notification-service memory (resident)", resident(DevStack.NOTIFICATION));
        resources.put("gateway memory (resident)", resident(DevStack.GATEWAY));

        // every client leaves at once; the next keep-alive finds them gone
        Map<String, Long> logged = new TreeMap<>();
        for (String app : List.of(DevStack.NOTIFICATION, DevStack.GATEWAY)) {
            logged.put(app, Files.size(stack.process(app).log()));
        }
        streams.forEach(Stream::leave);
        Thread.sleep(25_000);
        int problems = 0;
        for (Map.Entry<String, Long> log : logged.entrySet()) {
            problems += problemsAfter(stack.process(log.getKey()).log(), log.getValue());
        }
        Stream after = new Stream("advocate.avery");
        http.sendAsync(
                request(tokens.get("advocate.avery")), info -> HttpResponse.BodySubscribers.fromLineSubscriber(after));
        Thread.sleep(3_000);
        boolean openAfterwards = after.firstEventAt != 0;
        after.leave();
        return new Report(
                count,
                new TreeMap<>(answers),
                opened,
                openMillis,
                endedWhileHeld,
                ofRecipients.size(),
                toldMillis.size(),
                toldMillis,
                problems,
                openAfterwards,
                resources);
    }

    private HttpRequest request(String token) {
        return HttpRequest.newBuilder(URI.create(stack.config().gatewayUrl() + "/api/notifications/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
    }

    /** Lines at WARN or ERROR (or a stack trace) that an app logged after {@code from} bytes of its log. */
    private static int problemsAfter(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        String since = new String(
                all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from), StandardCharsets.UTF_8);
        AtomicInteger problems = new AtomicInteger();
        since.lines()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("\tat "))
                .forEach(line -> {
                    problems.incrementAndGet();
                    System.out.println("  logged after the clients left: " + line);
                });
        return problems.get();
    }

    /** A process's resident memory, from /proc. */
    private String resident(String app) {
        return stack.process(app)
                .handle()
                .map(handle -> {
                    try {
                        return Files.readAllLines(Path.of("/proc/" + handle.pid() + "/status")).stream()
                                .filter(line -> line.startsWith("VmRSS:"))
                                .map(line -> line.replaceAll("\\D", ""))
                                .map(kb -> Long.parseLong(kb) / 1024 + " MB")
                                .findFirst()
                                .orElse("-");
                    } catch (IOException unreadable) {
                        return "-";
                    }
                })
                .orElse("-");
    }
}
