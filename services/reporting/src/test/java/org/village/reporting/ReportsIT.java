package org.village.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.village.events.BedAvailabilityChanged;
import org.village.events.CaseClosed;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.events.IntakeSubmitted;
import org.village.events.NotificationAcknowledged;
import org.village.events.NotificationEscalated;
import org.village.events.NotificationSent;
import org.village.events.Priority;
import org.village.events.ReferralAccepted;
import org.village.events.ReferralDeclined;
import org.village.events.ReferralExpired;
import org.village.events.ReferralRequested;
import org.village.events.ReferralRevoked;
import org.village.events.TaskCancelled;
import org.village.events.TaskCompleted;
import org.village.events.TaskOverdue;
import org.village.events.TaskScheduled;
import org.village.events.Topics;
import org.village.events.VillageEvent;
import org.village.testing.ApiClient;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;

/**
 * Program outcomes, shelter use, funder counts and the HUD export over a known set of cases, tasks, referrals,
 * notifications and bed counts of two advocacy agencies and two shelters across September and October, read from
 * real Kafka into reporting's MongoDB: every figure exact (small counts and the totals that would give them away
 * hidden), the period's edges at midnight in Chicago (the test profile's zone), each supervisor seeing their own
 * agency's, and the same figures after every event was applied twice and after a rebuild from the topics.
 */
class ReportsIT extends RunningService {

    private static final String PERIOD = "from=2026-09-01&to=2026-10-31";

    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String agencyA = "agency-a-" + tag;
    private final String agencyB = "agency-b-" + tag;
    private final String shelter1 = "shelter-1-" + tag;
    private final String shelter2 = "shelter-2-" + tag;
    private final String supervisorA = TestTokens.token("supervisor.a", agencyA, "SUPERVISOR");
    private final String supervisorB = TestTokens.token("supervisor.b", agencyB, "SUPERVISOR");

    /** Every event this test published, to publish them all again. */
    private final List<org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>> published = new ArrayList<>();

    @BeforeEach
    void aKnownSeptemberAndOctober() {
        // agency A: six HIGH cases on 10 September, the first three with two children and Spanish, five of whom
        // spoke with the hotline; first contact 2 to 12 hours after the intake (24 allowed); all six close in
        // October, five safe and stable, one unable to contact
        List<String> high = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = survivor(
                    agencyA,
                    DangerLevel.HIGH,
                    "2026-09-10T15:00:00Z",
                    i < 3 ? 3 : 1,
                    i < 3 ? "es" : "en",
                    "WITHIN_3_MONTHS",
                    i < 5);
            high.add(id);
            task(
                    id,
                    "ADVOCATE_FIRST_CONTACT",
                    "ADVOCATE",
                    "2026-09-11T15:00:00Z",
                    hoursAfter("2026-09-10T15:00:00Z", 2 * (i + 1)),
                    null,
                    null);
            close(
                    id,
                    i < 5 ? "2026-10-20T15:00:00Z" : "2026-10-21T15:00:00Z",
                    i < 5 ? "SAFE_AND_STABLE" : "UNABLE_TO_CONTACT");
        }
        // an officer's welfare check is the police's task, not the agency's follow-up
        task(high.get(0), "OFFICER_WELFARE_CHECK", "OFFICER", "2026-09-13T15:00:00Z", null, null, null);
        // five STANDARD cases on 5 October: first contact after 10, 20, 30, 40 and 80 hours (72 allowed)
        int[] took = {10, 20, 30, 40, 80};
        List<String> standard = new ArrayList<>();
        for (int hours : took) {
            String id =
                    survivor(agencyA, DangerLevel.STANDARD, "2026-10-05T15:00:00Z", 1, "en", "3_TO_6_MONTHS", false);
            standard.add(id);
            task(
                    id,
                    "ADVOCATE_FIRST_CONTACT",
                    "ADVOCATE",
                    "2026-10-08T15:00:00Z",
                    hoursAfter("2026-10-05T15:00:00Z", hours),
                    hours > 72 ? "2026-10-08T15:05:00Z" : null,
                    null);
        }
        // 23:30 on 31 October in Chicago: in the period, no language, a child, first contact not made yet
        String lastMinute = survivor(agencyA, DangerLevel.STANDARD, "2026-11-01T04:30:00Z", 2, null, null, false);
        task(lastMinute, "ADVOCATE_FIRST_CONTACT", "ADVOCATE", "2026-11-04T04:30:00Z", null, null, null);
        // 00:30 on 1 November in Chicago: after the period
        survivor(agencyA, DangerLevel.HIGH, "2026-11-01T05:30:00Z", 1, "en", null, false);
        // two survivors from August, still served: one transferred on 15 September (their safety plan
        // cancelled), one whose safety plan went overdue
        String transferred =
                survivor(agencyA, DangerLevel.STANDARD, "2026-08-20T15:00:00Z", 1, "en", "6_TO_12_MONTHS", false);
        task(transferred, "SAFETY_PLANNING", "ADVOCATE", "2026-09-20T15:00:00Z", null, null, "2026-09-15T15:00:00Z");
        close(transferred, "2026-09-15T15:00:00Z", "TRANSFERRED");
        String continuing =
                survivor(agencyA, DangerLevel.STANDARD, "2026-08-20T15:00:00Z", 1, "en", "6_TO_12_MONTHS", false);
        task(continuing, "SAFETY_PLANNING", "ADVOCATE", "2026-09-20T15:00:00Z", null, "2026-09-20T16:00:00Z", null);
        // closed before the period: not served in it
        String gone = survivor(agencyA, DangerLevel.STANDARD, "2026-07-01T15:00:00Z", 1, "en", null, false);
        close(gone, "2026-08-30T15:00:00Z", "SAFE_AND_STABLE");

        // referrals from agency A: five accepted by shelter 1 within the hour, one declined by it after three
        // hours (two allowed); shelter 2 let one expire, one was revoked, one waits, one declined within the hour
        String sent = "2026-09-12T15:00:00Z";
        for (int i = 0; i < 5; i++) {
            referral(high.get(i), shelter1, sent, "ACCEPTED", null, 1);
        }
        referral(high.get(5), shelter1, sent, "DECLINED", "NO_CAPACITY", 3);
        referral(standard.get(0), shelter2, "2026-10-06T15:00:00Z", "EXPIRED", null, 2);
        referral(standard.get(1), shelter2, "2026-10-06T15:00:00Z", "REVOKED", null, 1);
        referral(standard.get(2), shelter2, "2026-10-06T15:00:00Z", null, null, 0);
        referral(standard.get(3), shelter2, "2026-10-06T15:00:00Z", "DECLINED", "NOT_ELIGIBLE", 1);
        // sent in August: not in the period
        referral(continuing, shelter1, "2026-08-25T15:00:00Z", "ACCEPTED", null, 1);

        // notifications about agency A's cases: five acknowledged within ten minutes (the first re-sent later),
        // one acknowledged after its escalation, one overdue-task notice escalated and never acknowledged
        for (int i = 0; i < 5; i++) {
            notification(high.get(i), "CASE_ASSIGNED", "2026-09-10T16:00:00Z", "2026-09-10T16:10:00Z", null);
        }
        emit(new NotificationSent(
                "n-" + high.get(0) + "-CASE_ASSIGNED",
                high.get(0),
                "advocate.a",
                Instant.parse("2026-09-10T17:00:00Z"),
                "CASE_ASSIGNED",
                2));
        notification(
                high.get(5), "CASE_ASSIGNED", "2026-09-10T16:00:00Z", "2026-09-10T19:00:00Z", "2026-09-10T18:00:00Z");
        notification(continuing, "TASK_OVERDUE", "2026-09-20T16:00:00Z", null, "2026-09-20T18:00:00Z");

        // agency B: three HIGH cases in October, nothing else
        for (int i = 0; i < 3; i++) {
            survivor(agencyB, DangerLevel.HIGH, "2026-10-10T15:00:00Z", 1, "es", "WITHIN_3_MONTHS", false);
        }

        // shelter 1: ten beds, four occupied from August; from 30 September six occupied and one held
        beds(shelter1, "2026-08-31T12:00:00Z", 10, 4, 0);
        beds(shelter1, "2026-09-30T12:00:00Z", 10, 6, 1);
        // shelter 2: two beds from 29 October, one occupied
        beds(shelter2, "2026-10-29T12:00:00Z", 2, 1, 0);
    }

    @Test
    void everyFigureOfEveryReportIsExactAndSurvivesRedeliveryAndARebuild() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(this::everyFigureIsAsExpected);

        published.forEach(record -> kafka.send(TestEvents.again(record)));
        // the redelivered events are read after these: one more event, then the same figures
        String marker = survivor(agencyB, DangerLevel.STANDARD, "2026-12-01T15:00:00Z", 1, "en", null, false);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> database.getCollection("cases")
                                .find(new org.bson.Document("_id", marker))
                                .first()
                        != null);
        everyFigureIsAsExpected();

        assertThat(api.post("/api/admin/reports/rebuild", ADMIN, null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(this::everyFigureIsAsExpected);
    }

    private void everyFigureIsAsExpected() throws IOException, InterruptedException {
        assertThat(csv("outcomes", ADMIN, agencyA, agencyB)).containsExactlyElementsOf(outcomesOfA_then_B());
        assertThat(csv("shelters", ADMIN, shelter1, shelter2)).containsExactlyElementsOf(shelterUse());
        assertThat(csv("funders", ADMIN, agencyA, agencyB)).containsExactlyElementsOf(funderCounts());
        assertThat(hud(ADMIN)).isEqualTo(hudExport());
    }

    /**
     * Projections are written a poll at a time: a record that can never be an event, among good ones, is set aside
     * as a dead letter, and the events before and after it are all counted.
     */
    @Test
    void aRecordThatIsNoEventAmongGoodOnesIsSetAsideAndTheOthersAreCounted() {
        String before = survivor(agencyB, DangerLevel.HIGH, "2026-10-11T15:00:00Z", 1, "en", "WITHIN_3_MONTHS", false);
        String poison = "poison-" + tag;
        kafka.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                Topics.INTAKE_EVENTS, poison, "not a CloudEvent".getBytes(StandardCharsets.UTF_8)));
        String after = survivor(agencyB, DangerLevel.HIGH, "2026-10-12T15:00:00Z", 1, "en", "WITHIN_3_MONTHS", false);
        kafka.flush();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String caseId : List.of(before, after)) {
                assertThat(database.getCollection("cases")
                                .countDocuments(
                                        Filters.and(Filters.eq("_id", caseId), Filters.eq("agencyId", agencyB))))
                        .as(caseId)
                        .isEqualTo(1);
                assertThat(database.getCollection("screens")
                                .countDocuments(Filters.eq("_id", caseId.substring("case-".length()))))
                        .isEqualTo(1);
            }
            assertThat(api.get("/api/admin/dead-letters", TestTokens.demo("admin"))
                            .json()
                            .get("items")
                            .findValuesAsString("key"))
                    .contains(poison);
        });
    }

    @Test
    void eachSupervisorSeesTheirOwnAgencyAndTheSheltersItReferredTo() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(csv("outcomes", supervisorB, agencyA, agencyB))
                    .containsExactlyElementsOf(outcomesOfA_then_B().subList(48, 96));
            assertThat(csv("outcomes", supervisorA, agencyA, agencyB))
                    .containsExactlyElementsOf(outcomesOfA_then_B().subList(0, 48));
            assertThat(csv("shelters", supervisorA, shelter1, shelter2)).containsExactlyElementsOf(shelterUse());
        });
        assertThat(csv("funders", supervisorB, agencyA, agencyB))
                .allMatch(line -> line.startsWith(agencyB + ","))
                .isNotEmpty();
        assertThat(csv("shelters", supervisorB, shelter1, shelter2)).isEmpty();
        assertThat(api.get("/api/reports/outcomes?" + PERIOD, AVERY).status()).isEqualTo(403);
        assertThat(api.get("/api/reports/hud?" + PERIOD, HARBOR).status()).isEqualTo(403);
    }

    @Test
    void reportsAnswerAsJsonWithTheirPeriodAndRefuseAFormatTheyDoNotHave() {
        ApiClient.Response json = api.get("/api/reports/outcomes?" + PERIOD, SAM);
        assertThat(json.status()).isEqualTo(200);
        var body = java.util.Objects.requireNonNull(json.json());
        assertThat(body.get("report").asString()).isEqualTo("program-outcomes");
        assertThat(body.get("timeZone").asString()).isEqualTo("America/Chicago");
        assertThat(body.get("smallCountsShownAs").asString()).isEqualTo("<5");
        assertThat(body.get("lines").isArray()).isTrue();
        ApiClient.Response hud = api.get("/api/reports/hud?" + PERIOD, SAM);
        assertThat(hud.json().get("tables").get(0).get("file").asString())
                .isEqualTo("q07a-persons-served-by-household-type.csv");
        assertThat(api.get("/api/reports/hud?" + PERIOD + "&format=csv", SAM).status())
                .isEqualTo(400);
        assertThat(api.get("/api/reports/shelters?" + PERIOD + "&format=zip", SAM)
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/reports/funders?from=2026-09-01", SAM).status())
                .isEqualTo(400);
    }

    private List<String> outcomesOfA_then_B() {
        List<String> lines = new ArrayList<>();
        String a = agencyA;
        lines.addAll(of(a, "casesOpened,dangerLevel", "total,12", "HIGH,6", "STANDARD,6"));
        lines.addAll(of(a, "casesClosed,dangerLevel", "total,*", "HIGH,6", "STANDARD,<5"));
        lines.addAll(of(
                a,
                "casesClosed,closureReason",
                "total,*",
                "SAFE_AND_STABLE,5",
                "SURVIVOR_DECLINED_SERVICES,0",
                "UNABLE_TO_CONTACT,<5",
                "TRANSFERRED,<5",
                "DUPLICATE,0",
                "OTHER,0"));
        lines.addAll(of(a, "firstContact,HIGH", "total,6", "IN_TIME,6", "LATE,0", "NOT_MADE,0"));
        lines.addAll(of(a, "firstContactHours,HIGH", "median,7.0", "p90,12.0", "allowedMedian,24.0"));
        lines.addAll(of(a, "firstContact,STANDARD", "total,6", "IN_TIME,<5", "LATE,<5", "NOT_MADE,<5"));
        lines.addAll(of(a, "firstContactHours,STANDARD", "median,30.0", "p90,80.0", "allowedMedian,72.0"));
        lines.addAll(of(a, "followUps,dueInPeriod", "total,13", "ON_TIME,10", "LATE,<5", "CANCELLED,<5", "OPEN,<5"));
        lines.addAll(of(a, "followUps,dueInPeriod", "WENT_OVERDUE,<5"));
        lines.addAll(of(a, "followUps,all", "NOTICES_ESCALATED,<5"));
        lines.addAll(of(
                a,
                "referrals,outcome",
                "total,10",
                "ACCEPTED,5",
                "DECLINED:NO_CAPACITY,<5",
                "DECLINED:NOT_ELIGIBLE,<5",
                "DECLINED:SAFETY_CONCERN,0",
                "DECLINED:OTHER,0",
                "EXPIRED,<5",
                "REVOKED,<5",
                "PENDING,<5"));
        lines.addAll(of(a, "referralAnswerHours,all", "median,1.0"));
        lines.addAll(of(
                a,
                "notificationsSent,acknowledged",
                "total,7",
                "BEFORE_ESCALATION,5",
                "AFTER_ESCALATION,<5",
                "NOT_ACKNOWLEDGED,<5"));
        String b = agencyB;
        lines.addAll(of(b, "casesOpened,dangerLevel", "total,<5", "HIGH,<5", "STANDARD,0"));
        lines.addAll(of(b, "casesClosed,dangerLevel", "total,0", "HIGH,0", "STANDARD,0"));
        lines.addAll(of(
                b,
                "casesClosed,closureReason",
                "total,0",
                "SAFE_AND_STABLE,0",
                "SURVIVOR_DECLINED_SERVICES,0",
                "UNABLE_TO_CONTACT,0",
                "TRANSFERRED,0",
                "DUPLICATE,0",
                "OTHER,0"));
        for (String level : List.of("HIGH", "STANDARD")) {
            lines.addAll(of(b, "firstContact," + level, "total,0", "IN_TIME,0", "LATE,0", "NOT_MADE,0"));
            lines.addAll(of(b, "firstContactHours," + level, "median,", "p90,", "allowedMedian,"));
        }
        lines.addAll(of(b, "followUps,dueInPeriod", "total,0", "ON_TIME,0", "LATE,0", "CANCELLED,0", "OPEN,0"));
        lines.addAll(of(b, "followUps,dueInPeriod", "WENT_OVERDUE,0"));
        lines.addAll(of(b, "followUps,all", "NOTICES_ESCALATED,0"));
        lines.addAll(of(
                b,
                "referrals,outcome",
                "total,0",
                "ACCEPTED,0",
                "DECLINED:NO_CAPACITY,0",
                "DECLINED:NOT_ELIGIBLE,0",
                "DECLINED:SAFETY_CONCERN,0",
                "DECLINED:OTHER,0",
                "EXPIRED,0",
                "REVOKED,0",
                "PENDING,0"));
        lines.addAll(of(b, "referralAnswerHours,all", "median,"));
        lines.addAll(of(
                b,
                "notificationsSent,acknowledged",
                "total,0",
                "BEFORE_ESCALATION,0",
                "AFTER_ESCALATION,0",
                "NOT_ACKNOWLEDGED,0"));
        return lines;
    }

    private List<String> shelterUse() {
        List<String> lines = new ArrayList<>();
        // shelter 1: 29 nights of 10 beds with 4 occupied, then 32 nights with 6 occupied and 1 held
        lines.addAll(of(shelter1, "bedNights,all", "total,610", "OCCUPIED,308", "HELD,32", "AVAILABLE,270"));
        lines.addAll(of(shelter1, "utilisation,all", "OCCUPIED,0.50", "OCCUPIED_OR_HELD,0.56"));
        lines.addAll(of(
                shelter1,
                "referralsReceived,answer",
                "total,*",
                "ANSWERED_IN_TIME,5",
                "ANSWERED_LATE,<5",
                "EXPIRED,0",
                "REVOKED,0",
                "PENDING,0"));
        lines.addAll(of(shelter1, "answerHours,all", "median,1.0"));
        // shelter 2: three nights of 2 beds, one occupied
        lines.addAll(of(shelter2, "bedNights,all", "total,6", "OCCUPIED,<5", "HELD,0", "AVAILABLE,<5"));
        lines.addAll(of(shelter2, "utilisation,all", "OCCUPIED,*", "OCCUPIED_OR_HELD,*"));
        lines.addAll(of(
                shelter2,
                "referralsReceived,answer",
                "total,<5",
                "ANSWERED_IN_TIME,<5",
                "ANSWERED_LATE,0",
                "EXPIRED,<5",
                "REVOKED,<5",
                "PENDING,<5"));
        lines.addAll(of(shelter2, "answerHours,all", "median,*"));
        return lines;
    }

    private List<String> funderCounts() {
        List<String> lines = new ArrayList<>();
        String a = agencyA;
        lines.addAll(of(a, "survivorsServed,newOrContinuing", "total,*", "NEW,12", "CONTINUING,<5"));
        lines.addAll(of(a, "survivorsServed,preferredLanguage", "total,*", "en,10", "es,<5", "NOT_GIVEN,<5"));
        lines.addAll(of(a, "childrenInHouseholds,all", "total,7"));
        lines.addAll(of(a, "services,all", "SHELTER,5", "NON_SHELTER,11"));
        lines.addAll(of(a, "hotlineContacts,all", "total,5"));
        String b = agencyB;
        lines.addAll(of(b, "survivorsServed,newOrContinuing", "total,<5", "NEW,<5", "CONTINUING,0"));
        lines.addAll(of(b, "survivorsServed,preferredLanguage", "total,<5", "es,<5"));
        lines.addAll(of(b, "childrenInHouseholds,all", "total,0"));
        lines.addAll(of(b, "services,all", "SHELTER,0", "NON_SHELTER,0"));
        lines.addAll(of(b, "hotlineContacts,all", "total,0"));
        return lines;
    }

    private Map<String, List<String>> hudExport() {
        Map<String, List<String>> files = new LinkedHashMap<>();
        String a = agencyA;
        String b = agencyB;
        files.put(
                "q07a-persons-served-by-household-type.csv",
                List.of(
                        a + ",WITHOUT_CHILDREN,10,10",
                        a + ",WITH_CHILDREN_AND_ADULTS,<5,11",
                        a + ",UNKNOWN,0,0",
                        a + ",TOTAL,*,21",
                        b + ",WITHOUT_CHILDREN,<5,<5",
                        b + ",WITH_CHILDREN_AND_ADULTS,0,0",
                        b + ",UNKNOWN,0,0",
                        b + ",TOTAL,<5,<5"));
        files.put(
                "q14b-when-experience-occurred.csv",
                List.of(
                        a + ",WITHIN_3_MONTHS,6",
                        a + ",3_TO_6_MONTHS,5",
                        a + ",6_TO_12_MONTHS,<5",
                        a + ",A_YEAR_OR_MORE,0",
                        a + ",UNKNOWN,<5",
                        a + ",TOTAL,14",
                        b + ",WITHIN_3_MONTHS,<5",
                        b + ",3_TO_6_MONTHS,0",
                        b + ",6_TO_12_MONTHS,0",
                        b + ",A_YEAR_OR_MORE,0",
                        b + ",UNKNOWN,0",
                        b + ",TOTAL,<5"));
        files.put(
                "q22a-length-of-participation.csv",
                List.of(
                        a + ",30_DAYS_OR_LESS,<5,6",
                        a + ",31_TO_60_DAYS,6,0",
                        a + ",61_TO_90_DAYS,0,<5",
                        a + ",91_TO_180_DAYS,0,0",
                        a + ",181_TO_365_DAYS,0,0",
                        a + ",366_TO_730_DAYS,0,0",
                        a + ",731_DAYS_OR_MORE,0,0",
                        a + ",TOTAL,*,*",
                        b + ",30_DAYS_OR_LESS,0,<5",
                        b + ",31_TO_60_DAYS,0,0",
                        b + ",61_TO_90_DAYS,0,0",
                        b + ",91_TO_180_DAYS,0,0",
                        b + ",181_TO_365_DAYS,0,0",
                        b + ",366_TO_730_DAYS,0,0",
                        b + ",731_DAYS_OR_MORE,0,0",
                        b + ",TOTAL,0,<5"));
        files.put(
                "q23-exit-reason.csv",
                List.of(
                        a + ",SAFE_AND_STABLE,5",
                        a + ",SURVIVOR_DECLINED_SERVICES,0",
                        a + ",UNABLE_TO_CONTACT,<5",
                        a + ",TRANSFERRED,<5",
                        a + ",DUPLICATE,0",
                        a + ",OTHER,0",
                        a + ",TOTAL,7",
                        b + ",SAFE_AND_STABLE,0",
                        b + ",SURVIVOR_DECLINED_SERVICES,0",
                        b + ",UNABLE_TO_CONTACT,0",
                        b + ",TRANSFERRED,0",
                        b + ",DUPLICATE,0",
                        b + ",OTHER,0",
                        b + ",TOTAL,0"));
        return files;
    }

    private static List<String> of(String organisation, String measureAndGroup, String... categoriesAndValues) {
        return Arrays.stream(categoriesAndValues)
                .map(value -> organisation + "," + measureAndGroup + "," + value)
                .toList();
    }

    /** A report's CSV lines about these organisations, after checking its header and file name. */
    private List<String> csv(String report, String token, String... organisations) {
        ApiClient.Response response = api.get("/api/reports/" + report + "?" + PERIOD + "&format=csv", token);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Content-Disposition")).contains("attachment", "2026-09-01-to-2026-10-31.csv");
        String text = java.util.Objects.requireNonNull(response.text());
        List<String> lines = List.of(text.split("\r\n"));
        assertThat(lines.get(0)).endsWith(",measure,group,category,value");
        return lines.stream()
                .filter(line -> Arrays.stream(organisations).anyMatch(org -> line.startsWith(org + ",")))
                .toList();
    }

    /** The HUD export's ZIP: each table's lines about this test's agencies, after checking the index of questions. */
    private Map<String, List<String>> hud(String token) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/reports/hud?" + PERIOD + "&format=zip"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, List<String>> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
            ZipEntry entry = zip.getNextEntry();
            assertThat(entry).isNotNull();
            assertThat(entry.getName()).isEqualTo("questions.csv");
            String index = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(index).startsWith("file,question\r\n").contains("APR Q7a", "APR Q14b", "APR Q22a", "APR Q23");
            for (entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                List<String> lines = List.of(new String(zip.readAllBytes(), StandardCharsets.UTF_8).split("\r\n"));
                files.put(
                        entry.getName(),
                        lines.stream()
                                .filter(line -> line.startsWith(agencyA + ",") || line.startsWith(agencyB + ","))
                                .toList());
            }
        }
        return files;
    }

    // ---- the events the other services would publish ----

    private String survivor(
            String agency,
            DangerLevel level,
            String at,
            int householdSize,
            @Nullable String language,
            @Nullable String recency,
            boolean spokeWithHotline) {
        String intakeId = "intake-" + UUID.randomUUID();
        String caseId = "case-" + intakeId;
        emit(new IntakeSubmitted(
                intakeId,
                "pd-" + tag,
                "officer.x",
                Instant.parse(at),
                level,
                level == DangerLevel.HIGH,
                level == DangerLevel.HIGH ? "PROTOCOL_COUNT" : "NOT_SCREENED_IN",
                spokeWithHotline,
                List.of(),
                language,
                householdSize,
                true,
                spokeWithHotline,
                recency));
        emit(new CaseOpened(caseId, intakeId, agency, "pd-" + tag, "officer.x", level, Instant.parse(at)));
        return caseId;
    }

    private void close(String caseId, String at, String reason) {
        emit(new CaseClosed(caseId, Instant.parse(at), reason));
    }

    private void task(
            String caseId,
            String kind,
            String role,
            String dueAt,
            @Nullable String completedAt,
            @Nullable String overdueAt,
            @Nullable String cancelledAt) {
        String taskId = caseId + ":" + kind;
        emit(new TaskScheduled(taskId, caseId, kind, "someone", role, Instant.parse(dueAt), Priority.NORMAL));
        if (completedAt != null) {
            emit(new TaskCompleted(taskId, caseId, "someone", Instant.parse(completedAt)));
        }
        if (overdueAt != null) {
            emit(new TaskOverdue(taskId, caseId, "someone", Instant.parse(overdueAt)));
        }
        if (cancelledAt != null) {
            emit(new TaskCancelled(taskId, caseId, "someone", Instant.parse(cancelledAt)));
        }
    }

    /** A referral sent at {@code at}, to be answered within two hours, ending {@code hours} later. */
    private void referral(
            String caseId, String shelter, String at, @Nullable String outcome, @Nullable String reason, int hours) {
        String referralId = "referral-" + UUID.randomUUID();
        Instant sent = Instant.parse(at);
        emitAt(sent, new ReferralRequested(referralId, caseId, shelter, "advocate.a", 1, null, sent.plusSeconds(7200)));
        Instant ended = sent.plusSeconds(3600L * hours);
        if ("ACCEPTED".equals(outcome)) {
            emit(new ReferralAccepted(referralId, caseId, shelter, ended, null));
        } else if ("DECLINED".equals(outcome)) {
            emit(new ReferralDeclined(referralId, caseId, shelter, ended, reason));
        } else if ("EXPIRED".equals(outcome)) {
            emit(new ReferralExpired(referralId, caseId, shelter, ended, null));
        } else if ("REVOKED".equals(outcome)) {
            emit(new ReferralRevoked(referralId, caseId, shelter, ended, null));
        }
    }

    private void notification(
            String caseId, String kind, String sentAt, @Nullable String acknowledgedAt, @Nullable String escalatedAt) {
        String id = "n-" + caseId + "-" + kind;
        emit(new NotificationSent(id, caseId, "advocate.a", Instant.parse(sentAt), kind, 1));
        if (escalatedAt != null) {
            emit(new NotificationEscalated(
                    id, caseId, "advocate.a", Instant.parse(escalatedAt), kind, "supervisor.a", 2));
        }
        if (acknowledgedAt != null) {
            emit(new NotificationAcknowledged(id, caseId, "advocate.a", Instant.parse(acknowledgedAt), kind));
        }
    }

    private void beds(String shelter, String at, int total, int occupied, int held) {
        emitAt(Instant.parse(at), new BedAvailabilityChanged(shelter, total, occupied, held, total - occupied - held));
    }

    private static String hoursAfter(String at, int hours) {
        return Instant.parse(at).plusSeconds(3600L * hours).toString();
    }

    private void emit(VillageEvent event) {
        emitAt(Instant.now(), event);
    }

    private void emitAt(Instant time, VillageEvent event) {
        var record = TestEvents.at(time, event);
        published.add(record);
        kafka.send(record);
    }
}
