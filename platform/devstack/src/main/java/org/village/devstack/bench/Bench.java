package org.village.devstack.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.village.devstack.DevStack;
import org.village.devstack.StackConfig;
import org.village.devstack.StackFailure;
import org.village.events.DangerLevel;
import org.village.events.EventJson;
import org.village.events.IntakeSubmitted;

/**
 * {@code ./village bench}: the whole flow measured against the infrastructure's own floor, on a stack of its
 * own. For each rate: the floor ({@link Floor}), then the flow ({@link Flow}); with {@code --seed N}, N intakes
 * are then posted through the services and every rate is measured again with them stored. Prints a table and
 * writes {@code bench.json} and {@code bench.svg} (latency against offered rate).
 */
public final class Bench {

    /**
     * What to measure: the rates, how long each, how many intakes to store before measuring again, and how long
     * to run intakes unmeasured first (the JIT compilers' warm-up).
     */
    public record Plan(List<Double> rates, Duration each, int seed, double seedRate, Duration warmup) {

        /** The rate of the warm-up: 20 intakes a second, or the highest rate measured when that is lower. */
        double warmupRate() {
            return Math.min(
                    WARMUP_RATE,
                    rates.stream().mapToDouble(Double::doubleValue).max().orElse(WARMUP_RATE));
        }

        static Plan parse(String[] args) {
            List<Double> rates = List.of(5.0, 20.0, 50.0);
            Duration each = Duration.ofSeconds(60);
            int seed = 0;
            double seedRate = 20;
            Duration warmup = Duration.ZERO;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 == args.length) {
                    throw new StackFailure(flag + " needs a value: ./village bench --rates 5,20,50 --seconds 60 "
                            + "--warmup 120 --seed 100000 --seed-rate 20");
                }
                String value = args[++i];
                try {
                    switch (flag) {
                        case "--rates" ->
                            rates = Pattern.compile(",")
                                    .splitAsStream(value)
                                    .map(Double::parseDouble)
                                    .toList();
                        case "--seconds" -> each = Duration.ofSeconds(Long.parseLong(value));
                        case "--seed" -> seed = Integer.parseInt(value);
                        case "--seed-rate" -> seedRate = Double.parseDouble(value);
                        case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value));
                        default ->
                            throw new StackFailure("Unknown argument " + flag + ": ./village bench takes --rates, "
                                    + "--seconds, --warmup, --seed and --seed-rate.");
                    }
                } catch (NumberFormatException e) {
                    throw new StackFailure(flag + " needs a number (" + value + " was given).");
                }
            }
            return new Plan(rates, each, seed, seedRate, warmup);
        }
    }

    /** One rate measured: the floor and the flow, with how many intakes were stored before. */
    public record Row(long stored, Floor.Result floor, Flow.Result flow) {

        /**
         * Whether the flow held this rate: every post taken, at least 95 % of the rate achieved, intake -> advocate
         * p99 within {@link #HELD_P99_MS} ms, and no more left untold when the posting stopped than two seconds'
         * arrivals (a backlog that grew would leave more).
         */
        public boolean held() {
            return flow.refused() == 0
                    && flow.achieved() >= 0.95 * flow.offered()
                    && flow.flow().p99() <= HELD_P99_MS
                    && flow.backlog() <= 2 * flow.offered();
        }
    }

    /** The p99 of intake -> advocate a rate is held with, at most. */
    static final double HELD_P99_MS = 2_000;

    /** The highest rate held with {@code stored} intakes stored, among those measured; 0 when none was. */
    public static double capacity(List<Row> rows, long stored) {
        return rows.stream()
                .filter(row -> row.stored() == stored && row.held())
                .mapToDouble(row -> row.flow().offered())
                .max()
                .orElse(0);
    }

    /** How many collections the table names for each rate. */
    private static final int COSTLIEST = 6;

    /** Intakes a second while warming up. */
    private static final double WARMUP_RATE = 20;

    private Bench() {}

    public static void main(String[] args) throws Exception {
        // the broker's and the database's clients speak at INFO of every partition they join: the table is enough
        System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Plan plan;
        try {
            plan = Plan.parse(args);
        } catch (StackFailure e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Path repository = StackConfig.findRepository();
        Path data =
                repository.resolve(".village/bench/" + Instant.now().toString().replace(':', '-'));
        System.out.println("Starting a stack for the benchmark (data and logs in " + data + ") ...");
        try (DevStack stack =
                DevStack.start(StackConfig.onFreePorts(repository, data, Duration.ofMinutes(4)), settings())) {
            List<Row> rows = measure(stack, plan, System.out);
            System.out.println(table(rows));
            Files.writeString(data.resolve("bench.json"), json(rows, plan));
            Files.writeString(data.resolve("bench.svg"), svg(rows));
            System.out.println("Written: " + data.resolve("bench.json") + " and " + data.resolve("bench.svg"));
        }
    }

    /** What a benchmark's stack runs with: the gateway's per-user rate limit lifted (one officer posts it all). */
    public static Map<String, String> settings() {
        return Map.of("VILLAGE_GATEWAY_RATELIMIT_REQUESTSPERPERIOD", "100000000");
    }

    /** Runs the plan on a running stack and returns its rows. */
    public static List<Row> measure(DevStack stack, Plan plan, PrintStream progress) throws Exception {
        StackConfig config = stack.config();
        Floor floor = new Floor("127.0.0.1:" + config.kafka(), "mongodb://127.0.0.1:" + config.mongo(), payloadBytes());
        try (DatabaseTop database = new DatabaseTop("mongodb://127.0.0.1:" + config.mongo())) {
            Flow flow = new Flow(config.gatewayUrl(), () -> cpuMillis(stack), database::read);
            List<Row> rows = new ArrayList<>();
            if (!plan.warmup().isZero()) {
                progress.printf(
                        Locale.ROOT,
                        "Warming up: %s intakes/s for %d s, not measured ...%n",
                        rate(plan.warmupRate()),
                        plan.warmup().toSeconds());
                flow.run(plan.warmupRate(), plan.warmup());
            }
            measureRates(plan, floor, flow, 0, rows, progress);
            if (plan.seed() > 0) {
                progress.printf(
                        "Storing %,d intakes through the services at %.0f/s ...%n", plan.seed(), plan.seedRate());
                long stored = seed(flow, plan.seed(), plan.seedRate(), progress);
                measureRates(plan, floor, flow, stored, rows, progress);
            }
            return rows;
        }
    }

    private static void measureRates(
            Plan plan, Floor floor, Flow flow, long stored, List<Row> rows, PrintStream progress) throws Exception {
        for (double rate : plan.rates()) {
            progress.printf(
                    Locale.ROOT,
                    "%s intakes/s for %d s: the floor ...%n",
                    rate(rate),
                    plan.each().toSeconds());
            Floor.Result bare = floor.run(rate, plan.each());
            progress.printf(
                    Locale.ROOT,
                    "%s intakes/s for %d s: the flow ...%n",
                    rate(rate),
                    plan.each().toSeconds());
            Flow.Result whole = flow.run(rate, plan.each());
            rows.add(new Row(stored, bare, whole));
        }
    }

    /** A rate as it was asked: 20, or 0.5. */
    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond);
    }

    /**
     * Posts {@code count} intakes in runs of a minute, each drained before the next, the advocates acknowledging
     * what asks for it as they would; returns how many were taken.
     */
    static long seed(Flow flow, int count, double rate, PrintStream progress) throws Exception {
        long stored = 0;
        long minute = Math.max(1, (long) (rate * 60));
        while (stored < count) {
            long now = Math.min(minute, count - stored);
            Flow.Result result = flow.run(rate, Duration.ofSeconds(Math.max(1, (long) (now / rate))), true);
            stored += result.accepted();
            progress.printf("  %,d stored, %,d notifications acknowledged%n", stored, flow.acknowledged());
        }
        return stored;
    }

    /** The size of the record the flow's first hop publishes: an intake.submitted.v1 CloudEvent. */
    static int payloadBytes() {
        IntakeSubmitted event = new IntakeSubmitted(
                UUID.randomUUID().toString(),
                "riverside-pd",
                "officer.reyes",
                Instant.now(),
                DangerLevel.HIGH,
                true,
                "PROTOCOL_QUESTIONS_1_3",
                true,
                List.of("SHELTER"),
                "es",
                3,
                true,
                true,
                "WITHIN_3_MONTHS");
        // the CloudEvent's attributes travel as Kafka headers beside the data: id, source, type, time, traceparent
        return EventJson.write(event).length + 250;
    }

    /** Each running process's CPU time so far, in ms. */
    static Map<String, Long> cpuMillis(DevStack stack) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        for (String name : stack.names()) {
            stack.process(name)
                    .handle()
                    .flatMap(handle -> handle.info().totalCpuDuration())
                    .ifPresent(used -> cpu.put(name, used.toMillis()));
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean own) {
            cpu.put("benchmark", TimeUnit.NANOSECONDS.toMillis(own.getProcessCpuTime()));
        }
        return cpu;
    }

    /** The table the benchmark prints. */
    public static String table(List<Row> rows) {
        StringBuilder text = new StringBuilder();
        text.append("\nVillage benchmark: latency in ms (p50 / p90 / p99 / max), from each intake's due time\n\n");
        text.append(String.format(
                "%9s %8s | %-30s | %8s %-30s %-30s %8s %8s %8s | %-30s | %7s %9s%n",
                "stored",
                "offered",
                "floor: 3 bare hops",
                "achieved",
                "POST /api/intakes",
                "intake -> advocate's stream",
                "backlog",
                "drained",
                "refused",
                "advocate's reads",
                "x floor",
                "db/intake"));
        for (Row row : rows) {
            Flow.Result flow = row.flow();
            text.append(String.format(
                    Locale.ROOT,
                    "%9d %8.1f | %-30s | %8.1f %-30s %-30s %8d %7.1fs %8d | %-30s | %7.1f %9.1f%n",
                    row.stored(),
                    flow.offered(),
                    spread(row.floor().latency()),
                    flow.achieved(),
                    spread(flow.post()),
                    spread(flow.flow()),
                    flow.backlog(),
                    flow.drainedSeconds(),
                    flow.refused(),
                    spread(flow.reads()),
                    ratio(row),
                    flow.databaseCommands()));
        }
        for (Row row : rows) {
            if (!row.flow().refusedBy().isEmpty()) {
                text.append(String.format(
                        Locale.ROOT,
                        "%nRefused at %.1f/s (%d stored): %s",
                        row.flow().offered(),
                        row.stored(),
                        row.flow().refusedBy()));
            }
        }
        text.append(String.format(
                Locale.ROOT,
                "%n%nCapacity: the highest rate measured that was held (every post taken, intake -> advocate p99"
                        + " <= %.0f ms, no more than 2 s of arrivals untold at the end)%n",
                HELD_P99_MS));
        rows.stream().map(Row::stored).distinct().forEach(stored -> {
            double held = capacity(rows, stored);
            text.append(String.format(
                    Locale.ROOT,
                    "%9d stored: %s%n",
                    stored,
                    held > 0 ? rate(held) + " intakes/s" : "none of the rates measured"));
        });
        text.append("\nThe advocate's reads by kind, ms p50 / p99\n");
        for (Row row : rows) {
            text.append(String.format(
                    Locale.ROOT, "%9d %8.1f", row.stored(), row.flow().offered()));
            row.flow()
                    .readsByKind()
                    .forEach((kind, figures) -> text.append(
                            String.format(Locale.ROOT, "  %s %.0f / %.0f", kind, figures.p50(), figures.p99())));
            text.append('\n');
        }
        text.append("\nDatabase commands and ms per intake, the costliest collections\n");
        for (Row row : rows) {
            text.append(String.format(
                    Locale.ROOT, "%9d %8.1f", row.stored(), row.flow().offered()));
            row.flow().databasePerIntake().entrySet().stream()
                    .limit(COSTLIEST)
                    .forEach(entry -> text.append(String.format(
                            Locale.ROOT,
                            "  %s %.1f/%.1f",
                            entry.getKey(),
                            entry.getValue().commands(),
                            entry.getValue().millis())));
            text.append('\n');
        }
        text.append("\nCPU ms per intake, by process\n");
        List<String> processes = rows.isEmpty()
                ? List.of()
                : new ArrayList<>(rows.get(0).flow().cpuMillisPerIntake().keySet());
        text.append(String.format("%9s %8s", "stored", "offered"));
        processes.forEach(p -> text.append(String.format(" %12s", shortName(p))));
        text.append('\n');
        for (Row row : rows) {
            text.append(String.format(
                    Locale.ROOT, "%9d %8.1f", row.stored(), row.flow().offered()));
            processes.forEach(p -> text.append(String.format(
                    Locale.ROOT, " %12.1f", row.flow().cpuMillisPerIntake().getOrDefault(p, 0.0))));
            text.append('\n');
        }
        return text.toString();
    }

    private static String shortName(String process) {
        return process.replace("-service", "");
    }

    /** The flow's median against the floor's. */
    static double ratio(Row row) {
        double floor = row.floor().latency().p50();
        return floor <= 0 ? 0 : row.flow().flow().p50() / floor;
    }

    private static String spread(Latency.Figures figures) {
        return String.format(
                Locale.ROOT, "%.0f / %.0f / %.0f / %.0f", figures.p50(), figures.p90(), figures.p99(), figures.max());
    }

    /** The rows as JSON, with the machine and the time. */
    public static String json(List<Row> rows, Plan plan) {
        StringBuilder json = new StringBuilder("{\n  \"machine\": ")
                .append(quote(Runtime.getRuntime().availableProcessors() + " cores, "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                        + System.getProperty("java.version")))
                .append(",\n  \"at\": ")
                .append(quote(Instant.now().toString()))
                .append(",\n  \"secondsPerRate\": ")
                .append(plan.each().toSeconds())
                .append(",\n  \"warmupSeconds\": ")
                .append(plan.warmup().toSeconds())
                .append(",\n  \"capacity\": {");
        List<String> capacities = new ArrayList<>();
        rows.stream()
                .map(Row::stored)
                .distinct()
                .forEach(stored -> capacities.add(quote(String.valueOf(stored)) + ": " + num(capacity(rows, stored))));
        json.append(String.join(", ", capacities)).append("},\n  \"rows\": [");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Flow.Result flow = row.flow();
            json.append(i == 0 ? "\n" : ",\n")
                    .append("    {\"stored\": ")
                    .append(row.stored())
                    .append(", \"offered\": ")
                    .append(flow.offered())
                    .append(", \"achieved\": ")
                    .append(num(flow.achieved()))
                    .append(", \"accepted\": ")
                    .append(flow.accepted())
                    .append(", \"refused\": ")
                    .append(flow.refused())
                    .append(", \"held\": ")
                    .append(row.held())
                    .append(", \"refusedBy\": {");
            List<String> refusals = new ArrayList<>();
            flow.refusedBy().forEach((answer, times) -> refusals.add(quote(answer) + ": " + times));
            json.append(String.join(", ", refusals))
                    .append("}")
                    .append(", \"floor\": ")
                    .append(figures(row.floor().latency()))
                    .append(", \"floorAchieved\": ")
                    .append(num(row.floor().achieved()))
                    .append(", \"post\": ")
                    .append(figures(flow.post()))
                    .append(", \"intakeToAdvocate\": ")
                    .append(figures(flow.flow()))
                    .append(", \"reads\": ")
                    .append(figures(flow.reads()))
                    .append(", \"readsByKind\": {");
            List<String> reads = new ArrayList<>();
            flow.readsByKind().forEach((kind, figures) -> reads.add(quote(kind) + ": " + figures(figures)));
            json.append(String.join(", ", reads))
                    .append("}")
                    .append(", \"backlog\": ")
                    .append(flow.backlog())
                    .append(", \"drainedSeconds\": ")
                    .append(num(flow.drainedSeconds()))
                    .append(", \"ratioToFloor\": ")
                    .append(num(ratio(row)))
                    .append(", \"cpuMillisPerIntake\": {");
            List<String> cpu = new ArrayList<>();
            flow.cpuMillisPerIntake().forEach((process, ms) -> cpu.add(quote(process) + ": " + num(ms)));
            json.append(String.join(", ", cpu))
                    .append("}, \"databaseCommandsPerIntake\": ")
                    .append(num(flow.databaseCommands()))
                    .append(", \"databasePerIntake\": {");
            List<String> collections = new ArrayList<>();
            flow.databasePerIntake().forEach((collection, share) -> {
                List<String> kinds = new ArrayList<>();
                share.byKind()
                        .forEach((kind, figures) -> kinds.add(quote(kind) + ": {\"commands\": " + num(figures[0])
                                + ", \"ms\": " + num(figures[1]) + "}"));
                collections.add(quote(collection) + ": {\"commands\": " + num(share.commands()) + ", \"ms\": "
                        + num(share.millis()) + ", \"byKind\": {" + String.join(", ", kinds) + "}}");
            });
            json.append(String.join(", ", collections)).append("}}");
        }
        return json.append("\n  ]\n}\n").toString();
    }

    private static String figures(Latency.Figures figures) {
        return String.format(
                Locale.ROOT,
                "{\"count\": %d, \"p50\": %.1f, \"p90\": %.1f, \"p99\": %.1f, \"max\": %.1f}",
                figures.count(),
                figures.p50(),
                figures.p90(),
                figures.p99(),
                figures.max());
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Latency (p50 and p99, log scale) against the offered rate: the floor and the flow, empty and stored. */
    public static String svg(List<Row> rows) {
        int width = 720;
        int height = 440;
        int left = 70;
        int right = 20;
        int top = 40;
        int bottom = 60;
        double maxRate =
                rows.stream().mapToDouble(r -> r.flow().offered()).max().orElse(1);
        double minMs = 1;
        double maxMs = Math.max(
                10,
                rows.stream()
                        .mapToDouble(r -> Math.max(
                                r.flow().flow().p99(), r.floor().latency().p99()))
                        .max()
                        .orElse(10));
        double logMin = Math.log10(minMs);
        double logMax = Math.ceil(Math.log10(maxMs));
        StringBuilder svg = new StringBuilder(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                        + " font-size=\"12\">%n<title>Village benchmark: latency against offered rate</title>%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%d\" y=\"24\" font-size=\"15\">Intake to the advocate's stream, and the floor"
                        + " (ms, log scale)</text>%n",
                width,
                height,
                left));
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        for (int decade = (int) logMin; decade <= logMax; decade++) {
            double y = top + plotH - (decade - logMin) / (logMax - logMin) * plotH;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\""
                            + " text-anchor=\"end\">%s</text>%n",
                    left,
                    y,
                    width - right,
                    y,
                    left - 6,
                    y + 4,
                    decade >= 3 ? (long) Math.pow(10, decade - 3) + " s" : (long) Math.pow(10, decade) + " ms"));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">offered intakes per second</text>%n",
                left + plotW / 2,
                height - 15));
        List<String[]> series = List.of(
                new String[] {"flow p50", "#1f5fbf", "flow", "p50"},
                new String[] {"flow p99", "#1f5fbf", "flow", "p99"},
                new String[] {"floor p50", "#888", "floor", "p50"},
                new String[] {"floor p99", "#888", "floor", "p99"});
        List<Long> stores = rows.stream().map(Row::stored).distinct().toList();
        int legend = 0;
        for (long stored : stores) {
            for (String[] line : series) {
                List<double[]> points = new ArrayList<>();
                for (Row row : rows) {
                    if (row.stored() != stored) {
                        continue;
                    }
                    Latency.Figures figures = line[2].equals("flow")
                            ? row.flow().flow()
                            : row.floor().latency();
                    double ms = Math.max(minMs, line[3].equals("p50") ? figures.p50() : figures.p99());
                    double x = left + row.flow().offered() / maxRate * plotW;
                    double y = top + plotH - (Math.log10(ms) - logMin) / (logMax - logMin) * plotH;
                    points.add(new double[] {x, y});
                    svg.append(String.format(
                            Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\""
                                    + " font-size=\"10\">%.0f</text>%n",
                            x,
                            y,
                            line[1],
                            x + 4,
                            y - 4,
                            row.flow().offered()));
                }
                StringBuilder path = new StringBuilder();
                for (double[] point : points) {
                    path.append(path.length() == 0 ? "M" : " L")
                            .append(String.format(Locale.ROOT, "%.1f %.1f", point[0], point[1]));
                }
                String dash = line[3].equals("p99") ? " stroke-dasharray=\"6 4\"" : "";
                String fade = stored > 0 ? " opacity=\"0.6\"" : "";
                svg.append(String.format(
                        "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s%s/>%n",
                        path, line[1], dash, fade));
                svg.append(String.format(
                        Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s%s</text>%n",
                        left + 10 + (legend % 4) * 150,
                        top + 14 + (legend / 4) * 16,
                        line[1],
                        line[0],
                        stored > 0 ? String.format(" (%,d stored)", stored) : ""));
                legend++;
            }
        }
        return svg.append("</svg>\n").toString();
    }
}
