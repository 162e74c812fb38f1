package org.village.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.village.devstack.bench.Bench;
import org.village.events.DemoUsers;
import org.village.events.DemoUsers.DemoUser;

/**
 * The whole Village system on one machine: a Kafka broker and a MongoDB-wire server, each in its own JVM with
 * its data under the stack's data folder, then identity, the four services and the gateway, each a JVM of its
 * own in the {@code local} profile. Started by {@code ./village}; stopped with Ctrl-C; restarted with its data.
 */
public final class DevStack implements AutoCloseable {

    public static final String KAFKA = "kafka";
    public static final String MONGO = "mongodb";
    public static final String MAIL = "mail";
    public static final String IDENTITY = "identity";
    public static final String INTAKE = "intake-service";
    public static final String CASE = "case-service";
    public static final String REFERRAL = "referral-service";
    public static final String NOTIFICATION = "notification-service";
    public static final String REPORTING = "reporting-service";
    public static final String GATEWAY = "gateway";
    public static final String CONSOLE = "console";

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int LATE_LOG_LINES = 12;
    /** Ready to use: up, with Kafka and MongoDB answering (a service's readiness alone leaves them out). */
    private static final String READINESS = "/actuator/health";

    private static final List<String> APP_JVM = List.of(
            "-Xms64m",
            "-Xmx384m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m");

    private final StackConfig config;
    private final Map<String, String> settings;
    private final Map<String, ManagedProcess> processes = new LinkedHashMap<>();
    private @Nullable Supervisor supervisor;

    private DevStack(StackConfig config, Map<String, String> settings) {
        this.config = config;
        this.settings = Map.copyOf(settings);
    }

    /** Starts every part of the stack and returns once all of them are ready. */
    public static DevStack start(StackConfig config) {
        return start(config, Map.of());
    }

    /**
     * As {@link #start(StackConfig)}, every app also given {@code settings} as its environment (for a measurement
     * that must lift a limit, such as {@code VILLAGE_GATEWAY_RATE_LIMIT_REQUESTS_PER_PERIOD}).
     */
    public static DevStack start(StackConfig config, Map<String, String> settings) {
        checkPorts(config);
        DevStack stack = new DevStack(config, settings);
        stack.define();
        try {
            Instant deadline = Instant.now().plus(config.readyWithin());
            stack.startAndAwait(List.of(KAFKA, MONGO, MAIL, IDENTITY), List.of(KAFKA, MONGO, MAIL), deadline);
            List<String> apps = new ArrayList<>(stack.serviceInstances());
            apps.addAll(List.of(CONSOLE, GATEWAY));
            List<String> all = new ArrayList<>(List.of(KAFKA, MONGO, MAIL, IDENTITY));
            all.addAll(apps);
            stack.startAndAwait(apps, all, deadline);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public StackConfig config() {
        return config;
    }

    /** The name of every part, in the order they start. */
    public List<String> names() {
        return List.copyOf(processes.keySet());
    }

    public ManagedProcess process(String name) {
        ManagedProcess process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("No part of the stack is called " + name);
        }
        return process;
    }

    /** Ends one part at once, as {@code kill -9} would. */
    public void kill(String name) {
        process(name).kill();
    }

    /** Stops one part the way Ctrl-C would; it stays down (a supervisor leaves it) until it is started again. */
    public void stop(String name) {
        process(name).stop(STOP_GRACE);
    }

    /** Starts one part again and waits until it is ready. */
    public void restart(String name) {
        startAndAwait(List.of(name), List.of(name), Instant.now().plus(config.readyWithin()));
    }

    /**
     * From now on, a part that stops without being asked is reported on {@code out} and started again (see
     * {@link Supervisor}); {@code ./village status} reads what runs from the status file in the data folder.
     */
    public synchronized void supervise(PrintStream out, Supervisor.Policy policy) {
        if (supervisor == null) {
            supervisor = new Supervisor(List.copyOf(processes.values()), policy, out, statusFile(config)).watch();
        }
    }

    static Path statusFile(StackConfig config) {
        return config.dataDir().resolve("status");
    }

    @Override
    public void close() {
        synchronized (this) {
            if (supervisor != null) {
                supervisor.close();
            }
        }
        List<ManagedProcess> reverse = new ArrayList<>(processes.values());
        Collections.reverse(reverse);
        reverse.forEach(process -> process.stop(STOP_GRACE));
    }

    /** Each collection's pauses, in the process's own log beside its output ({@code <name>-gc.log}). */
    private static String gcLog(Path logs, String name) {
        return "-Xlog:gc:file=" + logs.resolve(name + "-gc.log") + ":uptime,time";
    }

    private void define() {
        Path repo = config.repository();
        Path data = config.dataDir().toAbsolutePath();
        Path logs = data.resolve("logs");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");

        processes.put(
                KAFKA,
                new ManagedProcess(
                        KAFKA,
                        List.of(
                                java,
                                "-Xmx512m",
                                "-XX:+UseSerialGC",
                                gcLog(logs, KAFKA),
                                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                                "-cp",
                                classpath,
                                KafkaNode.class.getName(),
                                data.resolve("kafka").toString(),
                                String.valueOf(config.kafka()),
                                String.valueOf(config.kafkaController())),
                        Map.of(),
                        logs.resolve("kafka.log"),
                        config.kafka(),
                        null));
        processes.put(
                MONGO,
                new ManagedProcess(
                        MONGO,
                        List.of(
                                java,
                                // its indexes live in memory, beside the H2 file's cache: about 40 KB per intake
                                // stored (1.4 GB with 35,000, 4 GB with 100,000), so room for 100,000 and more with
                                // G1 left room to collect (a heap nearly full of live data is marked again and
                                // again). A maximum, taken only as the data grows. Every service waits on it, so
                                // its pauses are everyone's: G1 with a pause goal (the serial collector stopped it
                                // 40-50 ms every second or two at 20 intakes/s and for 300 ms at each full
                                // collection of the H2 pages it had promoted)
                                "-Xmx10g",
                                "-XX:+UseG1GC",
                                "-XX:MaxGCPauseMillis=20",
                                gcLog(logs, MONGO),
                                "-cp",
                                classpath,
                                MongoNode.class.getName(),
                                data.resolve("mongodb/village.mv").toString(),
                                String.valueOf(config.mongo())),
                        Map.of(),
                        logs.resolve("mongodb.log"),
                        config.mongo(),
                        null));

        processes.put(
                MAIL,
                new ManagedProcess(
                        MAIL,
                        List.of(
                                java,
                                "-Xmx128m",
                                "-XX:+UseSerialGC",
                                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                                "-cp",
                                classpath,
                                MailNode.class.getName(),
                                String.valueOf(config.smtp()),
                                String.valueOf(config.mailViewer())),
                        Map.of(),
                        logs.resolve("mail.log"),
                        config.mailViewer(),
                        "/messages.json"));

        Map<String, String> common = new HashMap<>();
        common.put("SPRING_PROFILES_ACTIVE", "local");
        common.put("VILLAGE_DATA_DIR", data.toString());
        common.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + config.kafka());
        common.put("SPRING_MONGODB_URI", "mongodb://127.0.0.1:" + config.mongo());
        common.put("VILLAGE_SECURITY_ISSUER", config.issuer());
        common.put("VILLAGE_SECURITY_JWK_SET_URI", "http://127.0.0.1:" + config.identity() + "/oauth2/jwks");

        app(
                IDENTITY,
                repo.resolve("platform/identity/target/village-identity.jar"),
                config.identity(),
                common,
                Map.of(
                        "VILLAGE_IDENTITY_ISSUER",
                        config.issuer(),
                        "VILLAGE_IDENTITY_CONSOLE_REDIRECT_URIS",
                        config.gatewayUrl() + "/console/callback",
                        "VILLAGE_IDENTITY_CONSOLE_POST_LOGOUT_URIS",
                        config.gatewayUrl() + "/"),
                java,
                logs);
        Map<String, String> console = new HashMap<>(Map.of(
                "VILLAGE_CONSOLE_PUBLIC_URL",
                config.gatewayUrl(),
                "VILLAGE_CONSOLE_API_URL",
                "http://127.0.0.1:" + config.gateway(),
                "VILLAGE_CONSOLE_ISSUER",
                config.issuer(),
                "VILLAGE_CONSOLE_IDENTITY_URL",
                "http://127.0.0.1:" + config.identity()));
        // how long an idle console session lasts (15 min unless -Dvillage.console.idle-timeout=45s is given)
        String idle = System.getProperty("village.console.idle-timeout");
        if (idle != null) {
            console.put("VILLAGE_CONSOLE_IDLE_TIMEOUT", idle);
        }
        app(
                CONSOLE,
                repo.resolve("services/console/target/console.jar"),
                config.console(),
                common,
                console,
                java,
                logs);
        Map<String, Integer> services = servicePorts(config);
        Map<String, String> notification = Map.of(
                "SPRING_MAIL_HOST",
                "127.0.0.1",
                "SPRING_MAIL_PORT",
                String.valueOf(config.smtp()),
                "VILLAGE_NOTIFICATION_INBOX_URL",
                config.gatewayUrl() + "/api/notifications");
        services.forEach((service, port) -> {
            for (int index = 0; index < config.instances(); index++) {
                Map<String, String> own = new HashMap<>(service.equals(NOTIFICATION) ? notification : Map.of());
                // a lasting name: after a crash the instance takes its partitions back at once
                own.put("VILLAGE_MESSAGING_INSTANCE_ID", instance(service, index));
                app(
                        instance(service, index),
                        // services/intake/target/intake-service.jar, and so on
                        repo.resolve("services/" + service.replace("-service", "") + "/target/" + service + ".jar"),
                        StackConfig.instancePort(port, index),
                        common,
                        own,
                        java,
                        logs);
            }
        });
        app(
                GATEWAY,
                repo.resolve("platform/gateway/target/village-gateway.jar"),
                config.gateway(),
                common,
                gatewayRoutes(services),
                java,
                logs);
    }

    /** The name of a service's instance {@code index}: the service's own for the first, then name-2, name-3. */
    public static String instance(String service, int index) {
        return index == 0 ? service : service + "-" + (index + 1);
    }

    /** Every instance of every service, by name. */
    public List<String> serviceInstances() {
        List<String> names = new ArrayList<>();
        for (String service : List.of(INTAKE, CASE, REFERRAL, NOTIFICATION, REPORTING)) {
            for (int index = 0; index < config.instances(); index++) {
                names.add(instance(service, index));
            }
        }
        return names;
    }

    /**
     * Where the gateway finds each service: its one address, or, with several instances, {@code lb://<service>}
     * and the list of their addresses, among which the gateway balances the ready ones.
     */
    private Map<String, String> gatewayRoutes(Map<String, Integer> services) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("VILLAGE_GATEWAY_IDENTITY_URI", "http://127.0.0.1:" + config.identity());
        environment.put("VILLAGE_GATEWAY_CONSOLE_URI", "http://127.0.0.1:" + config.console());
        StringBuilder instances = new StringBuilder();
        services.forEach((service, port) -> {
            String variable =
                    "VILLAGE_GATEWAY_" + service.replace("-service", "").toUpperCase(Locale.ROOT) + "_URI";
            if (config.instances() == 1) {
                environment.put(variable, "http://127.0.0.1:" + port);
                return;
            }
            environment.put(variable, "lb://" + service);
            instances
                    .append(instances.length() == 0 ? "" : ",")
                    .append('"')
                    .append(service)
                    .append("\":[");
            for (int index = 0; index < config.instances(); index++) {
                instances
                        .append(index == 0 ? "" : ",")
                        .append("{\"uri\":\"http://127.0.0.1:")
                        .append(StackConfig.instancePort(port, index))
                        .append("\"}");
            }
            instances.append(']');
        });
        if (config.instances() > 1) {
            environment.put(
                    "SPRING_APPLICATION_JSON",
                    "{\"spring\":{\"cloud\":{\"discovery\":{\"client\":{\"simple\":{\"instances\":{" + instances
                            + "}}}}}}}");
        }
        return environment;
    }

    private void app(
            String name,
            Path jar,
            int port,
            Map<String, String> common,
            Map<String, String> own,
            String java,
            Path logs) {
        if (!Files.isRegularFile(jar)) {
            throw new StackFailure(
                    "The apps are not built yet (" + config.repository().relativize(jar)
                            + " is missing): run ./mvnw -DskipTests package, or start the stack with "
                            + "./village, which builds.");
        }
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(APP_JVM);
        // flags to try on every app (VILLAGE_APP_JVM="-XX:TieredStopAtLevel=4 ..." ./village bench): given last,
        // they win over the defaults above
        String extra =
                Objects.requireNonNullElse(System.getenv("VILLAGE_APP_JVM"), "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add(gcLog(logs, name));
        command.addAll(List.of("-jar", jar.toString()));
        Map<String, String> environment = new HashMap<>(common);
        environment.putAll(own);
        environment.putAll(settings);
        environment.put("SERVER_PORT", String.valueOf(port));
        processes.put(
                name, new ManagedProcess(name, command, environment, logs.resolve(name + ".log"), port, READINESS));
    }

    /** Each service with its first instance's port. */
    private static Map<String, Integer> servicePorts(StackConfig config) {
        Map<String, Integer> services = new LinkedHashMap<>();
        services.put(INTAKE, config.intake());
        services.put(CASE, config.caseService());
        services.put(REFERRAL, config.referral());
        services.put(NOTIFICATION, config.notification());
        services.put(REPORTING, config.reporting());
        return services;
    }

    private static void checkPorts(StackConfig config) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(GATEWAY, config.gateway());
        ports.put(IDENTITY, config.identity());
        ports.put(INTAKE, config.intake());
        ports.put(CASE, config.caseService());
        ports.put(REFERRAL, config.referral());
        ports.put(NOTIFICATION, config.notification());
        ports.put(REPORTING, config.reporting());
        ports.put(CONSOLE, config.console());
        ports.put(KAFKA, config.kafka());
        ports.put("Kafka controller", config.kafkaController());
        ports.put(MONGO, config.mongo());
        ports.put("SMTP", config.smtp());
        ports.put("mail viewer", config.mailViewer());
        servicePorts(config).forEach((service, port) -> {
            for (int index = 1; index < config.instances(); index++) {
                ports.put(instance(service, index), StackConfig.instancePort(port, index));
            }
        });
        ports.forEach((name, port) -> {
            if (!free(port)) {
                throw new StackFailure("Port " + port + " (" + name + ") is already in use: stop whatever holds it "
                        + "(perhaps Village is already running) and start again.");
            }
        });
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void startAndAwait(List<String> toStart, List<String> toAwait, Instant deadline) {
        toStart.forEach(name -> process(name).start());
        List<String> waiting = new ArrayList<>(toAwait);
        while (!waiting.isEmpty()) {
            // a part found ready may still stop (a node that lost its port to another process): all are watched
            for (String name : toAwait) {
                ManagedProcess process = process(name);
                if (!process.isAlive()) {
                    throw new StackFailure(name + " stopped while starting; its log (" + process.log() + ") ends with:"
                            + System.lineSeparator() + process.tail(25));
                }
                if (waiting.contains(name) && process.isReady()) {
                    waiting.remove(name);
                }
            }
            if (!waiting.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new StackFailure(notReady(waiting));
                }
                try {
                    Thread.sleep(POLL.toMillis()); // polling other processes: there is no event to wait on
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StackFailure("Interrupted while starting the stack.");
                }
            }
        }
    }

    /** Which parts are late, with the end of each one's log: the reason is usually in its last lines. */
    private String notReady(List<String> waiting) {
        StringBuilder message = new StringBuilder(String.join(", ", waiting))
                .append(" did not become ready within ")
                .append(config.readyWithin().toSeconds())
                .append(" s; see the logs in ")
                .append(config.dataDir().resolve("logs"));
        for (String name : waiting) {
            message.append(System.lineSeparator())
                    .append("--- ")
                    .append(name)
                    .append(" (")
                    .append(process(name).log().getFileName())
                    .append(") ends with:")
                    .append(System.lineSeparator())
                    .append(process(name).tail(LATE_LOG_LINES));
        }
        return message.toString();
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("secrets")) {
            ComposeSecrets.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bench")) {
            try {
                Bench.main(Arrays.copyOfRange(args, 1, args.length));
            } catch (Exception e) {
                System.err.println("The benchmark failed: " + e);
                System.exit(1);
            }
            return;
        }
        if (args.length > 0 && args[0].equals("status")) {
            System.out.print(Supervisor.status(statusFile(StackConfig.standard(StackConfig.findRepository()))));
            return;
        }
        Instant begun = Instant.now();
        StackConfig config;
        DevStack stack;
        try {
            config = StackConfig.standard(StackConfig.findRepository()).withInstances(instances(args));
            System.out.println("Starting Village (data in " + config.dataDir() + ", logs in "
                    + config.dataDir().resolve("logs") + ") ...");
            stack = start(config);
        } catch (StackFailure e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("Stopping Village ...");
                            stack.close();
                            stopped.countDown();
                        },
                        "devstack-stop"));
        System.out.println(banner(config, Duration.between(begun, Instant.now())));
        stack.supervise(System.out, Supervisor.Policy.STANDARD);
        stopped.await();
    }

    /** {@code --instances N} (or {@code --instances=N}): how many instances of each service to run; 1 without. */
    static int instances(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = null;
            if (args[i].equals("--instances")) {
                if (i + 1 == args.length) {
                    throw new StackFailure("--instances needs a number: ./village --instances 3");
                }
                value = args[i + 1];
                i++;
            } else if (args[i].startsWith("--instances=")) {
                value = args[i].substring("--instances=".length());
            } else {
                throw new StackFailure("Unknown argument " + args[i] + ": ./village takes --instances N, or the "
                        + "commands status and secrets.");
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new StackFailure(
                        "--instances needs a number: ./village --instances 3 (" + value + " was given).");
            }
        }
        return 1;
    }

    static String banner(StackConfig config, Duration took) {
        String nl = System.lineSeparator();
        return nl + "Village is ready (" + took.toSeconds() + " s)." + nl + nl
                + "  Console (sign in here)     " + config.gatewayUrl() + "/" + nl
                + "  Gateway (all of the API)   " + config.gatewayUrl() + nl
                + "  Identity (OpenID Connect)  " + config.issuer() + nl
                + "  Services                   intake :" + config.intake() + "  case :" + config.caseService()
                + "  referral :" + config.referral() + "  notification :" + config.notification() + "  reporting :"
                + config.reporting() + nl
                + (config.instances() == 1
                        ? ""
                        : "                             " + config.instances() + " instances of each, the next ones "
                                + StackConfig.INSTANCE_STRIDE + " ports up (intake :"
                                + StackConfig.instancePort(config.intake(), 1) + " ...), the gateway balancing them"
                                + nl)
                + "  Kafka                      127.0.0.1:" + config.kafka() + nl
                + "  MongoDB wire protocol      mongodb://127.0.0.1:" + config.mongo() + nl
                + "  SMTP (local mail)          127.0.0.1:" + config.smtp() + "   its inbox: " + config.mailViewerUrl()
                + nl + nl
                + "Demo users (password: " + DemoUsers.PASSWORD + ")" + nl
                + demoUsers(nl) + nl
                + "A token: curl -s " + config.gatewayUrl() + "/oauth2/token -d grant_type=password "
                + "-d client_id=village-cli -d username=officer.reyes -d password=village" + nl + nl
                + "Press Ctrl-C to stop; the data stays for the next start.";
    }

    /** The demo users, grouped by role and organisation, one line each. */
    private static String demoUsers(String nl) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        for (DemoUser user : DemoUsers.all()) {
            names.computeIfAbsent(String.format("%-15s%s", user.role(), user.org()), key -> new ArrayList<>())
                    .add(user.username());
        }
        StringBuilder lines = new StringBuilder();
        names.forEach((roleAndOrg, users) -> lines.append(
                        String.format("  %-31s %s", String.join(", ", users), roleAndOrg))
                .append(nl));
        return lines.toString();
    }
}
