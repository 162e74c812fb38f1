package org.village.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.JWTClaimsSet;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.village.events.AdvocateAssigned;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.events.Topics;
import org.village.events.VillageEvent;
import org.village.intake.store.IntakeStore;
import org.village.testing.ApiClient;
import org.village.testing.EventContracts;
import org.village.testing.ForgedTokens;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;
import org.village.testing.TopicReader;
import org.village.testing.VillageInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** intake-service against a real Kafka broker and MongoDB endpoint. */
class IntakeApiIT extends RunningService {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private long storedIntakes() {
        return database.getCollection(IntakeStore.COLLECTION).countDocuments();
    }

    @Test
    void officerSubmitsAHighDangerIntakeAndItsEventCarriesNoPersonalData() {
        String canary = "Canary" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response response = api.post("/api/intakes", REYES, IntakeRequests.intake(canary, "q2"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        String intakeId = body.get("intakeId").asString();
        assertThat(response.header("Location")).isEqualTo("/api/intakes/" + intakeId);
        assertThat(body.get("dangerLevel").asString()).isEqualTo("HIGH");
        assertThat(body.get("screenedIn").asBoolean()).isTrue();
        assertThat(body.get("screenReason").asString()).isEqualTo("PROTOCOL_QUESTIONS_1_3");
        assertThat(body.get("screenCompleted").asBoolean()).isTrue();
        assertThat(body.get("status").asString()).isEqualTo("SUBMITTED");

        List<ConsumerRecord<String, byte[]>> published = TopicReader.awaitRecords(
                VillageInfrastructure.get().kafkaBootstrapServers(),
                List.of(Topics.INTAKE_EVENTS),
                record -> intakeId.equals(record.key()),
                1,
                WAIT);
        CloudEvent event = KafkaMessageFactory.createReader(published.get(0)).toEvent();
        assertThat(event.getType()).isEqualTo("village.intake.submitted.v1");
        EventContracts.assertValid(event.getType(), event.getData().toBytes());
        String data = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
        assertThat(data)
                .contains("\"householdSize\":4")
                .contains("\"officerId\":\"officer.reyes\"")
                .doesNotContain(canary)
                .doesNotContain("Canary-Lastname")
                .doesNotContain("555-0100")
                .doesNotContain("Canary St")
                .doesNotContain("Canary narrative")
                .doesNotContain("1991");
        await().atMost(WAIT)
                .until(() -> database.getCollection(IntakeStore.COLLECTION)
                        .find(new Document("_id", intakeId))
                        .first()
                        .getList("outbox", Object.class)
                        .isEmpty());
    }

    @Test
    void aMissingSurvivorBlockIsRejectedNamingTheFieldAndNothingIsStored() {
        Map<String, Object> request = IntakeRequests.intake("Ana");
        request.remove("survivor");
        section(request, "lethalityScreen").remove("officerBelievesHighDanger");
        long before = storedIntakes();

        ApiClient.Response response = api.post("/api/intakes", REYES, request);

        assertProblem(response, 400, "validation-failed", "survivor");
        assertThat(storedIntakes()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitIsRefusedWith413AndNothingIsStored() throws Exception {
        Map<String, Object> request = IntakeRequests.intake("Ana");
        Map<String, Object> incident = new HashMap<>(section(request, "incident"));
        incident.put("narrative", "x".repeat(2 * 1024 * 1024));
        request.put("incident", incident);
        byte[] body = JsonMapper.builder().build().writeValueAsBytes(request);
        long before = storedIntakes();

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/intakes"))
                                .header("Authorization", "Bearer " + REYES)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains("payload-too-large");
        assertThat(storedIntakes()).isEqualTo(before);
    }

    @Test
    void anUnknownScreenVersionIsRejected() {
        Map<String, Object> request = IntakeRequests.intake("Ana");
        section(request, "lethalityScreen").put("version", "LAP-99");

        assertProblem(api.post("/api/intakes", REYES, request), 400, "validation-failed", "lethalityScreen.version");
    }

    @Test
    void anUnknownQuestionOrAnswerIsRejected() {
        Map<String, Object> request = IntakeRequests.intake("Ana");
        section(request, "lethalityScreen").put("answers", Map.of("q12", "YES"));
        assertProblem(
                api.post("/api/intakes", REYES, request), 400, "validation-failed", "lethalityScreen.answers.q12");

        section(request, "lethalityScreen").put("answers", Map.of("q1", "PERHAPS"));
        assertProblem(api.post("/api/intakes", REYES, request), 400, "validation-failed", "lethalityScreen.answers.q1");
    }

    @Test
    void aQuestionNamedTwiceIsRejected() {
        String body =
                "{\"survivor\":{\"firstName\":\"Ana\"},\"incident\":{},\"lethalityScreen\":{\"version\":\"LAP-11\","
                        + "\"answers\":{\"q1\":\"NO\",\"q1\":\"YES\"}}}";
        long before = storedIntakes();

        assertProblem(api.post("/api/intakes", REYES, body), 400, "validation-failed", "lethalityScreen.answers");
        assertThat(storedIntakes()).isEqualTo(before);
    }

    @Test
    void aMalformedDateIsRejectedNamingTheField() {
        Map<String, Object> request = IntakeRequests.intake("Ana");
        section(request, "survivor").put("dateOfBirth", "02/04/1991");
        long before = storedIntakes();

        assertProblem(api.post("/api/intakes", REYES, request), 400, "validation-failed", "survivor.dateOfBirth");
        assertThat(storedIntakes()).isEqualTo(before);
    }

    @Test
    void everyForgedTokenIsRefusedByTheServiceItself() {
        ForgedTokens.all("officer.reyes").forEach((flaw, token) -> {
            ApiClient.Response response = api.get("/api/intakes?mine=true", token);
            assertThat(response.status()).as(flaw).isEqualTo(401);
            assertThat(response.json().get("type").asString()).as(flaw).isEqualTo("unauthenticated");
        });
        assertThat(api.get("/api/intakes?mine=true", REYES).status()).isEqualTo(200);
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthenticated() {
        assertProblem(api.post("/api/intakes", null, IntakeRequests.intake("Ana")), 401, "unauthenticated", "");
        assertProblem(api.get("/api/intakes?mine=true", "not.a.token"), 401, "unauthenticated", "");
        String foreignAudience = TestTokens.sign(new JWTClaimsSet.Builder()
                .issuer(TestTokens.ISSUER)
                .audience("someone-else")
                .subject("officer.reyes")
                .claim("roles", List.of("OFFICER"))
                .claim("org", "riverside-pd")
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build());
        assertProblem(api.get("/api/intakes?mine=true", foreignAudience), 401, "unauthenticated", "");
    }

    @Test
    void shelterStaffCannotSubmitIntakes() {
        long before = storedIntakes();
        assertProblem(api.post("/api/intakes", HARBOR, IntakeRequests.intake("Ana")), 403, "forbidden", "");
        assertThat(storedIntakes()).isEqualTo(before);
    }

    @Test
    void theSameIdempotencyKeyCreatesOneIntake() {
        Map<String, String> key = Map.of("Idempotency-Key", "retry-" + UUID.randomUUID());
        ApiClient.Response first = api.post("/api/intakes", REYES, IntakeRequests.intake("Ana"), key);
        long after = storedIntakes();
        ApiClient.Response second = api.post("/api/intakes", REYES, IntakeRequests.intake("Ana"), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("intakeId").asString())
                .isEqualTo(first.json().get("intakeId").asString());
        assertThat(storedIntakes()).isEqualTo(after);
    }

    @Test
    void eachReaderSeesWhatTheyAreEntitledTo() {
        String intakeId = api.post("/api/intakes", REYES, IntakeRequests.intake("Ana", "q1"))
                .json()
                .get("intakeId")
                .asString();
        String caseId = "case-" + UUID.randomUUID();

        JsonNode summary = api.get("/api/intakes/" + intakeId, REYES).json();
        assertThat(summary.has("survivor")).isFalse();
        assertThat(summary.has("incident")).isFalse();
        assertThat(summary.has("caseId")).isFalse();
        for (String stranger : List.of(CHEN, AVERY, SAM, HARBOR, ADMIN)) {
            assertProblem(api.get("/api/intakes/" + intakeId, stranger), 404, "not-found", "");
        }

        publish(new CaseOpened(
                caseId, intakeId, "bridges", "riverside-pd", "officer.reyes", DangerLevel.HIGH, Instant.now()));
        publish(new AdvocateAssigned(caseId, "advocate.avery", null, Instant.now()));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode known = api.get("/api/intakes/" + intakeId, REYES).json();
            assertThat(known.path("caseId").asString()).isEqualTo(caseId);
            assertThat(known.path("assignedAdvocate").asString()).isEqualTo("advocate.avery");
            assertThat(known.has("survivor")).isFalse();
        });
        JsonNode full = api.get("/api/intakes/" + intakeId, AVERY).json();
        assertThat(full.get("survivor").get("firstName").asString()).isEqualTo("Ana");
        assertThat(full.get("incident").get("narrative").asString()).isEqualTo("Canary narrative");
        assertThat(api.get("/api/intakes/" + intakeId, SAM)
                        .json()
                        .get("survivor")
                        .get("firstName")
                        .asString())
                .isEqualTo("Ana");
        for (String stranger : List.of(CHEN, BLAKE, OTHER_SUPERVISOR, HARBOR, ADMIN)) {
            assertProblem(api.get("/api/intakes/" + intakeId, stranger), 404, "not-found", "");
        }
    }

    @Test
    void officersListTheirOwnIntakesNewestFirstPageByPage() {
        String officer = "officer." + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.token(officer, "riverside-pd", "OFFICER");
        for (int i = 0; i < 3; i++) {
            api.post("/api/intakes", token, IntakeRequests.intake("Ana"));
        }

        JsonNode first = api.get("/api/intakes?mine=true&limit=2", token).json();
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("items").get(0).has("survivor")).isFalse();
        String cursor = first.get("nextCursor").asString();
        JsonNode second = api.get("/api/intakes?mine=true&limit=2&cursor=" + cursor, token)
                .json();
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(api.get("/api/intakes?mine=true", CHEN).json().get("items").findValuesAsString("officerId"))
                .doesNotContain(officer);
        assertProblem(api.get("/api/intakes?mine=true&limit=500", token), 400, "validation-failed", "limit");
    }

    private void publish(VillageEvent event) {
        kafka.send(TestEvents.record(event));
    }

    static void assertProblem(ApiClient.Response response, int status, String type, String detailMentions) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).contains(detailMentions);
    }

    @Test
    void aScreenIsScoredAsItIsAnsweredAndNothingIsStored() {
        long stored = database.getCollection(IntakeStore.COLLECTION).countDocuments();
        JsonNode protocol = api.post(
                        "/api/intakes/screen-preview",
                        REYES,
                        Map.of("version", "LAP-11", "answers", Map.of("q2", "YES")))
                .json();
        JsonNode count = api.post(
                        "/api/intakes/screen-preview",
                        REYES,
                        Map.of(
                                "version",
                                "LAP-11",
                                "answers",
                                Map.of("q4", "YES", "q5", "YES", "q6", "YES", "q7", "YES")))
                .json();
        JsonNode belief = api.post(
                        "/api/intakes/screen-preview",
                        AVERY,
                        Map.of("version", "LAP-11", "answers", Map.of("q4", "NO"), "officerBelievesHighDanger", true))
                .json();
        JsonNode none = api.post(
                        "/api/intakes/screen-preview",
                        REYES,
                        Map.of("version", "LAP-11", "answers", Map.of("q4", "YES")))
                .json();

        assertThat(protocol.get("screenReason").asString()).isEqualTo("PROTOCOL_QUESTIONS_1_3");
        assertThat(protocol.get("dangerLevel").asString()).isEqualTo("HIGH");
        assertThat(count.get("screenReason").asString()).isEqualTo("PROTOCOL_COUNT");
        assertThat(belief.get("screenReason").asString()).isEqualTo("OFFICER_JUDGMENT");
        assertThat(none.get("dangerLevel").asString()).isEqualTo("STANDARD");
        ApiClient.Response wrong = api.post(
                "/api/intakes/screen-preview", REYES, Map.of("version", "LAP-11", "answers", Map.of("q2", "MAYBE")));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.text()).contains("lethalityScreen.answers.q2");
        assertThat(api.post("/api/intakes/screen-preview", HARBOR, Map.of("version", "LAP-11"))
                        .status())
                .isEqualTo(403);
        assertThat(database.getCollection(IntakeStore.COLLECTION).countDocuments())
                .as("nothing stored")
                .isEqualTo(stored);
    }

    @SuppressWarnings("unchecked") // IntakeRequests builds each section as a mutable map
    private static Map<String, Object> section(Map<String, Object> request, String name) {
        return (Map<String, Object>) request.get(name);
    }
}
