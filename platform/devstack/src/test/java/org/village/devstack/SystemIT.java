package org.village.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.village.devstack.bench.Bench;
import org.village.events.Topics;
import org.village.testing.ApiClient;
import org.village.testing.EventStream;
import org.village.testing.TopicReader;
import tools.jackson.databind.JsonNode;

/**
 * The whole system as the README runs it: Kafka and the MongoDB-wire server in their own JVMs, identity,
 * gateway and the four services each in its own, everything reached through the gateway with real tokens.
 */
@ExtendWith(SharedStack.class)
@Order(2)
class SystemIT {

    private static final Duration FLOW = Duration.ofSeconds(10);
    private static Path dataDir;
    private static DevStack stack;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        dataDir = SharedStack.dataDir();
        stack = SharedStack.stack();
        api = new ApiClient(stack.config().gatewayUrl());
    }

    private static String token(String user) {
        return StackApi.token(api, user);
    }

    private static Map<String, Object> highDangerIntake(String firstName) {
        return StackApi.highDangerIntake(firstName);
    }

    private static String submit(String token, String firstName) {
        ApiClient.Response response = api.post("/api/intakes", token, highDangerIntake(firstName));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("intakeId").asString();
    }

    /** Every item of a list answer, following its cursors. */
    private static List<JsonNode> all(String path, String token) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            String separator = path.contains("?") ? "&" : "?";
            JsonNode page = api.get(path + separator + "limit=200" + (cursor == null ? "" : "&cursor=" + cursor), token)
                    .json();
            page.get("items").forEach(items::add);
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);
        return items;
    }

    @Test
    void theApiDescribesItselfAtTheGatewayWithABrowsablePage() {
        for (String service : List.of("intake", "case", "referral", "notification", "reporting")) {
            ApiClient.Response description = api.get("/api/docs/" + service, null);
            assertThat(description.status()).as(service).isEqualTo(200);
            assertThat(description.json().get("openapi").asString()).startsWith("3.1");
            assertThat(description.json().get("paths").size())
                    .as(service + " operations")
                    .isGreaterThan(2);
        }
        assertThat(api.get("/api/docs/elsewhere", null).status()).isEqualTo(401);
        ApiClient.Response events = api.get("/api/docs/events", null);
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.json().get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(events.json().get("channels").has("case.events.v1")).isTrue();
        ApiClient.Response config = api.get("/api-docs/console/swagger-config", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.text())
                .contains(
                        "/api/docs/intake",
                        "/api/docs/case",
                        "/api/docs/referral",
                        "/api/docs/notification",
                        "/api/docs/reporting");
        ApiClient.Response page = api.get("/swagger-ui/index.html", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("swagger-ui");
    }

    @Test
    void aHighDangerIntakeReachesTheAdvocateAndTheOfficerWithinTenSeconds() {
        String reyes = token("officer.reyes");
        String intakeId = submit(reyes, "Ana");

        await().atMost(FLOW).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode intake = api.get("/api/intakes/" + intakeId, reyes).json();
            assertThat(intake.path("caseId").isString()).isTrue();
            assertThat(intake.path("assignedAdvocate").isString()).isTrue();
            String advocate = intake.get("assignedAdvocate").asString();
            String caseId = intake.get("caseId").asString();
            List<JsonNode> advocateInbox = all("/api/notifications?unread=true", token(advocate));
            assertThat(advocateInbox).anySatisfy(n -> {
                assertThat(n.get("caseId").asString()).isEqualTo(caseId);
                assertThat(n.get("kind").asString()).isEqualTo("CASE_ASSIGNED");
                assertThat(n.get("requiresAck").asBoolean()).isTrue();
            });
            assertThat(all("/api/notifications", reyes)).anySatisfy(n -> {
                assertThat(n.get("caseId").asString()).isEqualTo(caseId);
                assertThat(n.get("kind").asString()).isEqualTo("CASE_OPENED");
            });
        });
        JsonNode summary = api.get("/api/intakes/" + intakeId, reyes).json();
        assertThat(summary.has("survivor")).isFalse();
    }

    @Test
    void theNewCaseReachesTheAdvocatesLiveStreamThroughTheGatewayAndTheirEmailThroughTheLocalMailServer()
            throws Exception {
        Map<String, String> tokens =
                Map.of("advocate.avery", token("advocate.avery"), "advocate.blake", token("advocate.blake"));
        tokens.forEach((user, token) -> assertThat(api.put(
                                "/api/me/notification-preferences",
                                token,
                                Map.of("email", user + "@bridges.example", "channels", List.of("IN_APP", "EMAIL")))
                        .status())
                .isEqualTo(200));
        try (EventStream avery = api.stream("/api/notifications/stream", tokens.get("advocate.avery"));
                EventStream blake = api.stream("/api/notifications/stream", tokens.get("advocate.blake"))) {
            assertThat(avery.next("unread", FLOW)).isNotNull();
            assertThat(blake.next("unread", FLOW)).isNotNull();
            String reyes = token("officer.reyes");
            // a name no random token in the mail viewer's page can hold by chance
            String survivor = "Rosa" + UUID.randomUUID().toString().substring(0, 8);
            String intakeId = submit(reyes, survivor);
            await().atMost(FLOW)
                    .until(() -> api.get("/api/intakes/" + intakeId, reyes)
                            .json()
                            .path("assignedAdvocate")
                            .isString());
            JsonNode intake = api.get("/api/intakes/" + intakeId, reyes).json();
            String advocate = intake.get("assignedAdvocate").asString();
            String caseId = intake.get("caseId").asString();

            EventStream theirs = advocate.equals("advocate.avery") ? avery : blake;
            EventStream.Event pushed;
            do {
                pushed = theirs.next("notification", FLOW);
                assertThat(pushed)
                        .as("a notification on " + advocate + "'s stream")
                        .isNotNull();
            } while (!pushed.data().contains(caseId));
            assertThat(pushed.data()).contains("\"kind\":\"CASE_ASSIGNED\"");

            HttpClient http = HttpClient.newHttpClient();
            await().atMost(FLOW)
                    .until(() -> http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(stack.config().mailViewerUrl() + "/messages.json"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body()
                            .contains(caseId));
            String mail = http.send(
                            HttpRequest.newBuilder(URI.create(stack.config().mailViewerUrl() + "/"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(mail)
                    .contains(advocate + "@bridges.example")
                    .contains("New HIGH danger case assigned to you")
                    .doesNotContain(survivor);
        }
    }

    @Test
    void theCallersTraceRunsFromTheIntakeThroughKafkaIntoTheCaseItOpened() {
        String reyes = token("officer.reyes");
        String traceId = UUID.randomUUID().toString().replace("-", "");
        ApiClient.Response submitted = api.post(
                "/api/intakes",
                reyes,
                highDangerIntake("Lena"),
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        assertThat(submitted.status()).isEqualTo(201);
        assertThat(submitted.header("traceparent")).contains(traceId);
        String intakeId = submitted.json().get("intakeId").asString();
        await().atMost(FLOW)
                .until(() -> api.get("/api/intakes/" + intakeId, reyes)
                        .json()
                        .path("caseId")
                        .isString());
        String caseId =
                api.get("/api/intakes/" + intakeId, reyes).json().get("caseId").asString();

        String kafka = "127.0.0.1:" + stack.config().kafka();
        var submittedEvent = TopicReader.awaitRecords(
                        kafka, List.of("intake.events.v1"), record -> intakeId.equals(record.key()), 1, FLOW)
                .get(0);
        var opened = TopicReader.awaitRecords(
                        kafka,
                        List.of("case.events.v1"),
                        record -> caseId.equals(record.key())
                                && "village.case.opened.v1"
                                        .equals(new String(
                                                record.headers()
                                                        .lastHeader("ce_type")
                                                        .value(),
                                                UTF_8)),
                        1,
                        FLOW)
                .get(0);
        for (var record : List.of(submittedEvent, opened)) {
            assertThat(new String(record.headers().lastHeader("traceparent").value(), UTF_8))
                    .as(record.topic())
                    .startsWith("00-" + traceId + "-");
        }
    }

    /**
     * The short fault run: intakes at 2 a second, and advocates, the officer and the shelters working, while each
     * service is killed in turn (the stack's supervisor starts it again), the broker is down for 10 s and the
     * MongoDB endpoint restarts. Nothing answered 2xx is lost, nothing is done or told twice, every count equals
     * a recount, no service gives up on a record. {@code LongFaultRun} runs the same for longer.
     */
    @Test
    void underLoadEachServiceKilledTheBrokerStoppedAndTheDatabaseRestartedLoseAndDoubleNothing() throws Exception {
        stack.supervise(System.out, Supervisor.Policy.STANDARD);
        FaultRun.Report report = new FaultRun(stack, api, SystemIT::token).run(FaultRun.Plan.SHORT);
        System.out.println(report.table());
        FaultRun.assertClean(report);
    }

    /**
     * The benchmark (./village bench) for a few seconds on this stack, at two rates within the gateway's rate
     * limit: it reports a figure for every column, in its table, its JSON and its chart. Speed is not checked
     * here: the benchmark shows it.
     */
    @Test
    void theBenchmarkReportsAFigureForEveryColumn() throws Exception {
        // two rates, then ten intakes stored (the advocates acknowledging what asks for it) and the rates again
        Bench.Plan plan = new Bench.Plan(List.of(1.0, 2.0), Duration.ofSeconds(5), 10, 5, Duration.ofSeconds(3));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<Bench.Row> rows = Bench.measure(stack, plan, new PrintStream(progress, true, StandardCharsets.UTF_8));
        String table = Bench.table(rows);
        System.out.println(progress.toString(StandardCharsets.UTF_8) + table);

        assertThat(rows).hasSize(4);
        assertThat(rows.get(3).stored()).isGreaterThanOrEqualTo(10);
        Matcher seeded = Pattern.compile("([0-9,]+) notifications acknowledged")
                .matcher(progress.toString(StandardCharsets.UTF_8));
        assertThat(seeded.find()).as("the seeding's progress").isTrue();
        assertThat(Long.parseLong(seeded.group(1).replace(",", "")))
                .as("the advocates acknowledged their new cases while the intakes were stored")
                .isPositive();
        JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(Bench.json(rows, plan));
        assertThat(json.get("machine").asString()).contains("cores");
        assertThat(json.get("warmupSeconds").asLong()).isEqualTo(3);
        // the highest rate held, a figure whatever it is (speed is the benchmark's to show, not a test's)
        assertThat(json.get("capacity").get("0").isNumber()).isTrue();
        for (JsonNode row : json.get("rows")) {
            assertThat(row.get("accepted").asLong()).as(row.toString()).isPositive();
            assertThat(row.get("achieved").asDouble()).as(row.toString()).isPositive();
            assertThat(row.get("floorAchieved").asDouble()).as(row.toString()).isPositive();
            for (String latency : List.of("floor", "post", "intakeToAdvocate", "reads")) {
                assertThat(row.get(latency).get("count").asLong())
                        .as(latency + " " + row)
                        .isPositive();
                for (String figure : List.of("p50", "p90", "p99", "max")) {
                    assertThat(row.get(latency).get(figure).asDouble())
                            .as(latency + " " + figure)
                            .isPositive();
                }
            }
            // and each kind of read on its own: the inbox, the unread count, the caseload, the case list, a case
            assertThat(row.get("readsByKind").properties()).hasSize(5);
            row.get("readsByKind")
                    .properties()
                    .forEach(kind -> assertThat(kind.getValue().get("p99").asDouble())
                            .as(kind.getKey())
                            .isPositive());
            // every accepted intake reached its advocate's stream: nothing left behind
            assertThat(row.get("intakeToAdvocate").get("count").asLong())
                    .isEqualTo(row.get("accepted").asLong());
            assertThat(row.get("backlog").isNumber()).isTrue();
            assertThat(row.get("drainedSeconds").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(row.get("ratioToFloor").asDouble()).isPositive();
            JsonNode cpu = row.get("cpuMillisPerIntake");
            for (String process : List.of(
                    DevStack.GATEWAY,
                    DevStack.INTAKE,
                    DevStack.CASE,
                    DevStack.NOTIFICATION,
                    DevStack.KAFKA,
                    DevStack.MONGO)) {
                assertThat(cpu.get(process).asDouble()).as("CPU of " + process).isPositive();
            }
            // the database's own count of the round trips, collection by collection
            assertThat(row.get("databaseCommandsPerIntake").asDouble()).isPositive();
            assertThat(row.get("databasePerIntake")
                            .get("intake.intakes")
                            .get("commands")
                            .asDouble())
                    .isPositive();
            assertThat(row.get("refusedBy").isObject()).isTrue();
            assertThat(row.get("held").isBoolean()).isTrue();
        }
        for (String column : List.of(
                "floor: 3 bare hops",
                "POST /api/intakes",
                "intake -> advocate's stream",
                "backlog",
                "advocate's reads",
                "x floor",
                "db/intake",
                "CPU ms per intake",
                "Capacity",
                "reads by kind",
                "Database commands and ms per intake")) {
            assertThat(table).contains(column);
        }
        String svg = Bench.svg(rows);
        assertThat(svg).startsWith("<svg").contains("flow p50", "floor p99").contains("<path d=\"M");
    }

    @Test
    void noPersonalDataLeavesIntakeServiceOrReachesAnyLogOrTopic() throws Exception {
        String canary = "Zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String reyes = token("officer.reyes");
        Map<String, Object> intake = new HashMap<>(highDangerIntake(canary + "First"));
        intake.put(
                "survivor",
                Map.of(
                        "firstName",
                        canary + "First",
                        "lastName",
                        canary + "Last",
                        "dateOfBirth",
                        "1987-06-05",
                        "phone",
                        "+1 555 " + canary.substring(2, 6).replaceAll("[^0-9]", "7"),
                        "safeToCall",
                        true,
                        "address",
                        canary + " Road 9",
                        "preferredLanguage",
                        "es",
                        "children",
                        1));
        intake.put(
                "incident",
                Map.of(
                        "occurredAt",
                        "2026-11-20T21:30:00Z",
                        "location",
                        canary + "Place",
                        "relationship",
                        "SPOUSE",
                        "narrative",
                        canary + " told the officer everything"));
        String intakeId =
                api.post("/api/intakes", reyes, intake).json().get("intakeId").asString();
        await().atMost(FLOW)
                .until(() -> api.get("/api/intakes/" + intakeId, reyes)
                        .json()
                        .path("caseId")
                        .isString());
        String advocate = api.get("/api/intakes/" + intakeId, reyes)
                .json()
                .get("assignedAdvocate")
                .asString();
        JsonNode full = api.get("/api/intakes/" + intakeId, token(advocate)).json();
        assertThat(full.get("survivor").get("lastName").asString()).isEqualTo(canary + "Last");
        api.get("/api/intakes/" + intakeId, token("officer.chen"));
        String caseId =
                api.get("/api/intakes/" + intakeId, reyes).json().get("caseId").asString();
        String advocateToken = token(advocate);
        assertThat(api.post(
                                "/api/cases/" + caseId + "/consents",
                                advocateToken,
                                Map.of(
                                        "recipientType",
                                        "SHELTER",
                                        "recipientId",
                                        "harbor-house",
                                        "scope",
                                        List.of("FIRST_NAME"),
                                        "form",
                                        "WRITTEN",
                                        "expiresAt",
                                        Instant.now().plus(Duration.ofDays(10)).toString()))
                        .status())
                .isEqualTo(201);
        Map<String, Object> referral = Map.of(
                "caseId",
                caseId,
                "shelterId",
                "harbor-house",
                "household",
                Map.of("adults", 1, "children", 1),
                "sharedDetails",
                Map.of("FIRST_NAME", canary + "First"));
        await().atMost(FLOW)
                .until(() -> api.post(
                                        "/api/referrals",
                                        advocateToken,
                                        referral,
                                        Map.of("Idempotency-Key", "canary-" + canary))
                                .status()
                        == 201);
        String referralId = api.get("/api/referrals", advocateToken)
                .json()
                .get("items")
                .get(0)
                .get("referralId")
                .asString();
        assertThat(api.get("/api/referrals/" + referralId, token("shelter.harbor"))
                        .json()
                        .get("sharedDetails")
                        .get("FIRST_NAME")
                        .asString())
                .isEqualTo(canary + "First");
        api.put(
                "/api/cases/" + caseId + "/safety-plan",
                advocateToken,
                Map.of("version", 0, "safeContacts", List.of(canary + " sister")));
        assertThat(api.post(
                                "/api/cases/" + caseId + "/tasks",
                                advocateToken,
                                Map.of(
                                        "kind",
                                        "COURT_ACCOMPANIMENT",
                                        "assignee",
                                        advocate,
                                        "dueAt",
                                        Instant.now().plus(Duration.ofDays(3)).toString(),
                                        "note",
                                        canary + " task note"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(
                                "/api/tasks/" + caseId + ":ADVOCATE_FIRST_CONTACT/complete",
                                advocateToken,
                                Map.of("outcome", "at sister's, " + canary + " Rd, new phone"))
                        .status())
                .isEqualTo(200);
        assertThat(api.post(
                                "/api/referrals/" + referralId + "/decline",
                                token("shelter.harbor"),
                                Map.of("reason", "OTHER", "note", canary + " decline note"))
                        .status())
                .isEqualTo(200);
        assertThat(api.post(
                                "/api/cases/" + caseId + "/closure-request",
                                advocateToken,
                                Map.of("reason", "SAFE_AND_STABLE", "note", "Moved to " + canary))
                        .status())
                .isEqualTo(200);
        api.post(
                "/api/intakes",
                reyes,
                Map.of(
                        "survivor",
                        Map.of("firstName", canary + "Bad"),
                        "incident",
                        Map.of(),
                        "lethalityScreen",
                        Map.of("version", "LAP-11", "answers", Map.of("q1", canary))));

        List<String> topics = new ArrayList<>();
        for (String topic : Topics.all()) {
            topics.add(topic);
            topics.add(Topics.deadLetter(topic));
        }
        var records = TopicReader.readAll("127.0.0.1:" + stack.config().kafka(), topics);
        assertThat(records).isNotEmpty();
        for (var record : records) {
            StringBuilder text = new StringBuilder(String.valueOf(record.key()));
            record.headers().forEach(h -> text.append(new String(h.value(), StandardCharsets.UTF_8)));
            text.append(new String(record.value(), StandardCharsets.UTF_8));
            assertThat(text.toString()).as(record.topic()).doesNotContain(canary);
        }

        try (Stream<Path> logs = Files.list(dataDir.resolve("logs"))) {
            for (Path log : logs.toList()) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain(canary);
            }
        }

        try (var mongo =
                MongoClients.create("mongodb://127.0.0.1:" + stack.config().mongo())) {
            // reporting has counted the canary's screen, so its database is checked with the screen in it
            await().atMost(FLOW)
                    .until(() -> mongo.getDatabase("reporting")
                                    .getCollection("screens")
                                    .find(new Document("_id", intakeId).append("agencyId", "bridges"))
                                    .first()
                            != null);
            List<String> databases = new ArrayList<>();
            mongo.listDatabaseNames().forEach(databases::add);
            assertThat(databases).contains("intake", "case", "referral", "notification", "reporting");
            for (String name : databases) {
                var database = mongo.getDatabase(name);
                for (String collection : database.listCollectionNames()) {
                    for (var document : database.getCollection(collection).find()) {
                        assertThat(document.toJson())
                                .as(name + "." + collection)
                                .doesNotContain(canary);
                    }
                }
            }
        }
    }

    @Test
    void aRestartedStackKeepsItsData() {
        String reyes = token("officer.reyes");
        String intakeId = submit(reyes, "Kept");
        await().atMost(FLOW)
                .until(() -> api.get("/api/intakes/" + intakeId, reyes)
                        .json()
                        .path("caseId")
                        .isString());
        String caseId =
                api.get("/api/intakes/" + intakeId, reyes).json().get("caseId").asString();

        stack = SharedStack.restart();

        JsonNode intake = api.get("/api/intakes/" + intakeId, reyes).json();
        assertThat(intake.get("caseId").asString()).isEqualTo(caseId);
        assertThat(all("/api/cases", token("supervisor.sam")))
                .anySatisfy(c -> assertThat(c.get("caseId").asString()).isEqualTo(caseId));
    }
}
