package org.village.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.village.events.CaseOpened;
import org.village.events.DangerLevel;
import org.village.events.IntakeSubmitted;
import org.village.testing.ApiClient;
import org.village.testing.TestEvents;
import org.village.testing.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * The LAP statistics of a known set of screens by two police agencies over two months, read from real Kafka into
 * reporting's MongoDB: every figure exact, in the organisation's calendar (Central time in the test profile), for
 * the supervisor of the agency the cases went to, as JSON and as CSV, and the same after a rebuild from the topics.
 */
class LapReportIT extends RunningService {

    /** Departments of this test alone, so that other tests' screens do not count. */
    private final String north = "north-pd-" + UUID.randomUUID().toString().substring(0, 8);

    private final String south = "south-pd-" + UUID.randomUUID().toString().substring(0, 8);

    /** The advocacy agency the cases went to, of this test alone; its supervisor reads the report. */
    private final String agency = "agency-" + UUID.randomUUID().toString().substring(0, 8);

    private final String supervisor = TestTokens.token("supervisor.lap", agency, "SUPERVISOR");

    private static final String PERIOD = "from=2026-10-01&to=2026-11-30";

    @Test
    void everyFigureOfBothAgenciesAndMonthsIsExactAndSurvivesARebuild() {
        // north, October: 6 by protocol (all spoke with the hotline), 5 by officer belief, 7 not screened in (2 not
        // completed); November: 5 by protocol, 6 not screened in, one of them at 23:30 on 30 November in Chicago
        screens(north, "2026-10-10T15:00:00Z", "PROTOCOL_QUESTIONS_1_3", 6, true, true);
        screens(north, "2026-10-12T15:00:00Z", "OFFICER_JUDGMENT", 5, true, false);
        screens(north, "2026-10-13T15:00:00Z", "NOT_SCREENED_IN", 5, true, false);
        screens(north, "2026-10-14T15:00:00Z", "NOT_SCREENED_IN", 2, false, false);
        screens(north, "2026-11-02T15:00:00Z", "PROTOCOL_COUNT", 5, true, false);
        screens(north, "2026-11-03T15:00:00Z", "NOT_SCREENED_IN", 5, true, false);
        screens(north, "2026-12-01T05:30:00Z", "NOT_SCREENED_IN", 1, true, false);
        // outside the period in Chicago: 00:10 on 1 December, 23:50 on 30 September
        screens(north, "2026-12-01T06:10:00Z", "PROTOCOL_COUNT", 1, true, false);
        screens(north, "2026-10-01T04:50:00Z", "PROTOCOL_COUNT", 1, true, false);
        // south, October only: 7 by protocol, 3 of whom spoke with the hotline
        screens(south, "2026-10-20T15:00:00Z", "PROTOCOL_COUNT", 4, true, true);
        screens(south, "2026-10-21T15:00:00Z", "PROTOCOL_COUNT", 3, true, false);

        List<List<String>> expected = List.of(
                List.of(north, "period", "29", "61", "0.48", "11", "5", "13", "<5", "6", "0.38"),
                List.of(north, "2026-10", "18", "31", "0.58", "6", "5", "7", "<5", "6", "0.55"),
                List.of(north, "2026-11", "11", "30", "0.37", "5", "0", "6", "0", "0", "0.00"),
                List.of(south, "period", "7", "61", "0.11", "7", "0", "0", "0", "<5", "*"),
                List.of(south, "2026-10", "7", "31", "0.23", "7", "0", "0", "0", "<5", "*"),
                List.of(south, "2026-11", "0", "30", "0.00", "0", "0", "0", "0", "0", ""));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(lines(supervisor)).isEqualTo(expected));

        ApiClient.Response csv = api.get("/api/reports/lap?" + PERIOD + "&format=csv", supervisor);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition"))
                .contains("attachment", "lap-statistics-2026-10-01-to-2026-11-30.csv");
        assertThat(csv.text())
                .startsWith("agency,month,screens,days,screensPerDay,screenedInByProtocol,screenedInByOfficerBelief,"
                        + "notScreenedIn,screensNotCompleted,spokeWithHotline,shareOfScreenedInWhoSpokeWithHotline\r\n")
                .contains("\r\n" + String.join(",", expected.get(1)) + "\r\n")
                .contains("\r\n" + String.join(",", expected.get(4)) + "\r\n");

        assertThat(api.post("/api/admin/reports/rebuild", ADMIN, null).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(lines(supervisor)).isEqualTo(expected));
    }

    @Test
    void aSupervisorSeesOnlyTheScreensWhoseCasesCameToTheirAgency() {
        screens(north, "2026-10-10T15:00:00Z", "PROTOCOL_COUNT", 5, true, false);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(lines(supervisor)).hasSize(3));

        assertThat(lines(SAM)).noneMatch(line -> line.get(0).equals(north));
        assertThat(lines(ADMIN)).anyMatch(line -> line.get(0).equals(north));
    }

    @Test
    void aPeriodThatCannotBeReadIsRefusedWithTheFieldNamed() {
        assertThat(api.get("/api/reports/lap?from=2026-10-01", SAM)
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("to");
        assertThat(api.get("/api/reports/lap?from=2026-10-31&to=2026-10-01", SAM)
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/reports/lap?from=1st%20October&to=2026-10-31", SAM)
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/reports/lap?from=2025-01-01&to=2026-10-31", SAM)
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/reports/lap?" + PERIOD + "&format=xlsx", SAM).status())
                .isEqualTo(400);
    }

    /** The report's lines for a caller, each as the texts its CSV would hold, for this test's agencies. */
    private List<List<String>> lines(String token) {
        ApiClient.Response response = api.get("/api/reports/lap?" + PERIOD, token);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        List<List<String>> lines = new ArrayList<>();
        response.json().get("lines").forEach(line -> {
            String department = line.get("agency").asString();
            if (department.equals(north) || department.equals(south)) {
                List<String> values = new ArrayList<>();
                line.forEach(value -> values.add(text(value)));
                lines.add(values);
            }
        });
        return lines;
    }

    /** A value as its CSV cell reads: rates with two decimals. */
    private static String text(JsonNode value) {
        if (value.isString()) {
            return value.asString();
        }
        if (value.isIntegralNumber()) {
            return value.toString();
        }
        return value.decimalValue().setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Screens intake-service would publish, each with the case case-service would open for it in our agency. */
    private void screens(String department, String at, String reason, int howMany, boolean completed, boolean spoke) {
        for (int i = 0; i < howMany; i++) {
            String intakeId = "intake-" + UUID.randomUUID();
            boolean screenedIn = !reason.equals("NOT_SCREENED_IN");
            kafka.send(TestEvents.record(new IntakeSubmitted(
                    intakeId,
                    department,
                    "officer." + department,
                    Instant.parse(at),
                    screenedIn ? DangerLevel.HIGH : DangerLevel.STANDARD,
                    screenedIn,
                    reason,
                    spoke,
                    List.of(),
                    null,
                    1,
                    completed,
                    spoke,
                    null)));
            kafka.send(TestEvents.record(new CaseOpened(
                    "case-" + intakeId,
                    intakeId,
                    agency,
                    department,
                    "officer." + department,
                    screenedIn ? DangerLevel.HIGH : DangerLevel.STANDARD,
                    Instant.parse(at))));
        }
    }
}
