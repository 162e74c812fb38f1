package org.village.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.village.testing.ApiClient;

/**
 * The console in a real Chromium, driving the whole running system as ./village starts it: an officer on a
 * phone-sized window signs in at identity, records a HIGH intake (a double click makes one), sees it in "my
 * intakes" with the advocate assigned to it, in English and in Spanish; a shelter's staff gets the console's 404
 * page for the officer's screens; signing out ends the session at identity too. Every screen is checked with
 * axe-core for serious and critical WCAG 2.1 AA violations.
 */
@ExtendWith(SharedStack.class)
@Order(1)
class ConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS =
            StackConfig.findRepository().resolve("platform/devstack/target/screenshots");
    private static String base;

    /** Short, so that the idle-timeout test need not wait a quarter of an hour; every other step is quicker. */
    private static final Duration IDLE = SharedStack.IDLE;

    @BeforeAll
    static void start() {
        base = SharedStack.stack().config().gatewayUrl();
    }

    private static void signIn(WebDriver browser, String user) {
        browser.get(base + "/");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("village");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlMatches("^" + base + "/[a-z/-]*(\\?continue)?$"));
    }

    private static String heading(WebDriver browser) {
        return browser.findElement(By.tagName("h1")).getText();
    }

    private static void accessible(WebDriver browser, String screen) {
        assertThat(Browsers.accessibilityViolations(browser))
                .as("axe on " + screen)
                .isEmpty();
    }

    /** The screen as a person sees it, from the top (the short test idle timeout's warning hidden). */
    private static void photograph(WebDriver browser, String file) {
        ((JavascriptExecutor) browser)
                .executeScript("var w = document.getElementById('idle-warning'); if (w) { w.hidden = true; "
                        + "} window.scrollTo(0, 0);");
        Browsers.screenshot(browser, SCREENSHOTS.resolve(file));
    }

    private static int intakesListed(WebDriver browser) {
        browser.get(base + "/intakes");
        return browser.findElements(By.cssSelector(".intake-item")).size();
    }

    private static void fillHighDangerIntake(WebDriver browser, String firstName) {
        browser.get(base + "/intakes/new");
        browser.findElement(By.id("firstName")).sendKeys(firstName);
        browser.findElement(By.cssSelector("label[for='q2-YES']")).click();
    }

    @Test
    void anOfficerOnAPhoneRecordsAHighDangerIntakeAndFollowsIt() {
        WebDriver officer = Browsers.phone("en");
        try {
            signIn(officer, "officer.reyes");
            assertThat(heading(officer)).isEqualTo("Your notifications");
            accessible(officer, "home");
            int before = intakesListed(officer);

            // long enough that no random token on the page (the CSRF token) can hold it by chance: "Ana" did
            String name = "Ana" + UUID.randomUUID().toString().substring(0, 8);
            fillHighDangerIntake(officer, name);
            untilText(officer, By.id("screen-result"), "yes to question 1, 2 or 3");
            accessible(officer, "new intake");
            photograph(officer, "officer-new-intake.png");
            ((JavascriptExecutor) officer)
                    .executeScript(
                            "var b = document.querySelector('form.intake button[type=submit]'); b.click(); b.click();");
            new WebDriverWait(officer, WAIT).until(ExpectedConditions.urlMatches(".*/intakes/[0-9a-f-]{36}$"));
            assertThat(heading(officer)).isEqualTo("Intake recorded");
            assertThat(officer.getPageSource())
                    .contains("High danger")
                    .contains("has not spoken with the hotline")
                    .doesNotContain(name);
            assertThat(officer.getTitle()).doesNotContain(name);
            accessible(officer, "intake result");

            assertThat(intakesListed(officer))
                    .as("a double click makes one intake")
                    .isEqualTo(before + 1);
            new WebDriverWait(officer, WAIT)
                    .pollingEvery(Duration.ofSeconds(1))
                    .ignoring(StaleElementReferenceException.class)
                    .until(browser -> {
                        browser.navigate().refresh();
                        return browser.findElements(By.cssSelector(".intake-item .advocate")).stream()
                                .anyMatch(advocate -> advocate.getText().startsWith("advocate."));
                    });
            accessible(officer, "my intakes");
            photograph(officer, "officer-my-intakes.png");

            officer.get(base + "/tasks");
            assertThat(heading(officer)).isEqualTo("My tasks");
            accessible(officer, "my tasks");
            var welfareCheck = officer.findElements(By.cssSelector(".task-item")).stream()
                    .filter(task -> task.getText().contains("Welfare check")
                            && task.getText().contains("Open"))
                    .findFirst()
                    .orElseThrow();
            welfareCheck.findElement(By.tagName("textarea")).sendKeys("Visited, safe for now");
            welfareCheck.findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(officer, WAIT)
                    .ignoring(StaleElementReferenceException.class)
                    .until(browser -> browser.findElements(By.cssSelector(".task-item")).stream()
                            .anyMatch(task -> task.getText().contains("Welfare check")
                                    && task.getText().contains("Done")));

            officer.get(base + "/intakes?lang=es");
            assertThat(heading(officer)).isEqualTo("Mis registros");
            assertThat(officer.getPageSource()).contains("Caso abierto");
            accessible(officer, "my intakes in Spanish");
            officer.get(base + "/?lang=en");

            officer.findElement(By.cssSelector("form[action$='/console/logout'] button"))
                    .click();
            officer.get(base + "/intakes");
            new WebDriverWait(officer, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        } finally {
            officer.quit();
        }
    }

    @Test
    void anEmptyFirstNameIsExplainedNextToTheFieldAndLosesNothing() {
        WebDriver officer = Browsers.desk("en");
        try {
            signIn(officer, "officer.chen");
            officer.get(base + "/intakes/new");
            officer.findElement(By.id("lastName")).sendKeys("Diaz");
            officer.findElement(By.cssSelector("label[for='q1-YES']")).click();
            officer.findElement(By.cssSelector("form.intake button[type=submit]"))
                    .click();

            new WebDriverWait(officer, WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("firstName-error")));
            assertThat(officer.findElement(By.id("firstName")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(officer.findElement(By.id("lastName")).getAttribute("value"))
                    .isEqualTo("Diaz");
            assertThat(officer.findElement(By.id("q1-YES")).isSelected()).isTrue();
            accessible(officer, "new intake with a problem");
        } finally {
            officer.quit();
        }
    }

    @Test
    void theOfficersScreensAreNotFoundForAShelter() {
        WebDriver shelter = Browsers.desk("es");
        try {
            signIn(shelter, "shelter.harbor");
            assertThat(heading(shelter)).isEqualTo("Derivaciones a su refugio");
            for (String page : List.of(
                    "/intakes/new", "/intakes", "/tasks", "/dashboard", "/cases", "/admin/webhooks", "/reports")) {
                shelter.get(base + page);
                assertThat(heading(shelter)).as(page).isEqualTo("Página no encontrada");
            }
            accessible(shelter, "not found");
        } finally {
            shelter.quit();
        }
    }

    /** A HIGH case opened from an intake recorded through the API: {caseId, its advocate}. */
    private static String[] highDangerCase() {
        ApiClient api = new ApiClient(base);
        String officer = StackApi.token(api, "officer.reyes");
        var submitted = api.post("/api/intakes", officer, StackApi.highDangerIntake("Maribel"));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        String intakeId = submitted.json().get("intakeId").asString();
        String[] opened = new String[2];
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            var intake = api.get("/api/intakes/" + intakeId, officer).json();
            if (intake.hasNonNull("caseId") && intake.hasNonNull("assignedAdvocate")) {
                opened[0] = intake.get("caseId").asString();
                opened[1] = intake.get("assignedAdvocate").asString();
                return true;
            }
            return false;
        });
        return opened;
    }

    /** The links to cases on a page, as they are now (the page is not reloaded). */
    private static Set<String> caseLinks(WebDriver browser, String css) {
        Set<String> links = new HashSet<>();
        for (var link : browser.findElements(By.cssSelector(css))) {
            try {
                links.add(link.getAttribute("href"));
            } catch (StaleElementReferenceException refreshed) {
                // the live region was just swapped; the next poll reads the fresh one
            }
        }
        return links;
    }

    private static void markPage(WebDriver browser) {
        ((JavascriptExecutor) browser).executeScript("window.villageNotReloaded = true;");
    }

    private static boolean notReloaded(WebDriver browser) {
        return Boolean.TRUE.equals(
                ((JavascriptExecutor) browser).executeScript("return window.villageNotReloaded === true;"));
    }

    private static String text(WebDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    /**
     * Waits until the element holds the text. htmx swaps the element while it is read: Chromium then answers
     * "stale element" or "node does not belong to the document"; both mean read it again.
     */
    private static void untilText(WebDriver browser, By element, String expected) {
        new WebDriverWait(browser, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(WebDriverException.class)
                .until(b -> b.findElement(element).getText().contains(expected));
    }

    @Test
    void anIntakeReachesItsAdvocateLiveAndHerReferralIsAnsweredLive() {
        String canary = "Zoila" + UUID.randomUUID().toString().substring(0, 6);
        WebDriver officer = Browsers.phone("en");
        WebDriver avery = Browsers.desk("en");
        WebDriver blake = Browsers.desk("en");
        WebDriver shelter = Browsers.desk("en");
        try {
            signIn(avery, "advocate.avery");
            signIn(blake, "advocate.blake");
            assertThat(heading(avery)).isEqualTo("My caseload");
            accessible(avery, "advocate dashboard");
            Map<WebDriver, Set<String>> before = new HashMap<>();
            for (WebDriver advocate : List.of(avery, blake)) {
                markPage(advocate);
                before.put(advocate, caseLinks(advocate, ".notification a[href*='/cases/']"));
            }

            signIn(officer, "officer.reyes");
            fillHighDangerIntake(officer, canary);
            officer.findElement(By.cssSelector("form.intake button[type=submit]"))
                    .click();
            new WebDriverWait(officer, WAIT).until(ExpectedConditions.urlMatches(".*/intakes/[0-9a-f-]{36}$"));

            // the assigned advocate's dashboard shows the new case without a reload
            WebDriver[] assigned = new WebDriver[1];
            String[] caseLink = new String[1];
            new WebDriverWait(officer, WAIT)
                    .pollingEvery(Duration.ofMillis(500))
                    .until(x -> {
                        for (WebDriver advocate : List.of(avery, blake)) {
                            Set<String> now = caseLinks(advocate, ".notification a[href*='/cases/']");
                            now.removeAll(before.get(advocate));
                            if (!now.isEmpty()) {
                                assigned[0] = advocate;
                                caseLink[0] = now.iterator().next();
                                return true;
                            }
                        }
                        return false;
                    });
            WebDriver advocate = assigned[0];
            (advocate == avery ? blake : avery).quit();
            assertThat(notReloaded(advocate))
                    .as("the dashboard was not reloaded")
                    .isTrue();
            String advocateName = advocate == avery ? "advocate.avery" : "advocate.blake";
            photograph(advocate, "advocate-dashboard.png");

            // she acknowledges it
            var card = advocate.findElements(By.cssSelector(".notification")).stream()
                    .filter(n -> n.getText().contains("New HIGH danger case assigned to you")
                            && n.findElements(By.tagName("a")).stream()
                                    .anyMatch(a -> caseLink[0].equals(a.getAttribute("href"))))
                    .findFirst()
                    .orElseThrow();
            String ack = card.findElement(By.tagName("form")).getAttribute("action");
            card.findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(advocate, WAIT)
                    .ignoring(StaleElementReferenceException.class)
                    .until(b -> b.findElements(By.cssSelector("form")).stream()
                            .noneMatch(form -> ack.equals(form.getAttribute("action"))));

            // the case: the survivor's details for her, then consent and a referral to harbor-house
            advocate.get(caseLink[0]);
            assertThat(text(advocate, ".survivor-name")).contains(canary);
            assertThat(advocate.getTitle()).doesNotContain(canary);
            accessible(advocate, "case page");
            advocate.findElement(By.cssSelector("#consents summary")).click();
            new Select(advocate.findElement(By.id("consent-recipient"))).selectByValue("harbor-house");
            advocate.findElement(By.cssSelector("label[for='scope-FIRST_NAME']"))
                    .click();
            advocate.findElement(By.cssSelector("label[for='scope-HOUSEHOLD']")).click();
            advocate.findElement(By.cssSelector(".consent-form button[type=submit]"))
                    .click();
            untilText(advocate, By.cssSelector("#consents"), "The consent was recorded.");
            assertThat(text(advocate, ".consent-item")).contains("Active").contains("First name");

            advocate.findElement(By.cssSelector("a[href$='/refer']")).click();
            assertThat(heading(advocate)).isEqualTo("Refer to a shelter");
            assertThat(text(advocate, ".shelter-harbor-house .available")).matches("\\d+");
            advocate.findElement(By.cssSelector(".shelter-harbor-house a")).click();
            new WebDriverWait(advocate, WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("detail-FIRST_NAME")));
            assertThat(advocate.findElement(By.id("detail-FIRST_NAME")).getAttribute("value"))
                    .isEqualTo(canary);
            assertThat(advocate.findElements(By.id("detail-PHONE")))
                    .as("not in the consent's scope")
                    .isEmpty();
            accessible(advocate, "referral form");
            ((JavascriptExecutor) advocate)
                    .executeScript("var b = document.querySelector('#referral-form button[type=submit]'); "
                            + "b.click(); b.click();");
            untilText(advocate, By.cssSelector("#referrals"), "Waiting for the shelter");
            assertThat(advocate.findElements(By.cssSelector(".referral-item")))
                    .as("a double click sends one")
                    .hasSize(1);
            markPage(advocate);

            // shelter.harbor sees it with the time left to answer and the consented first name, and accepts
            signIn(shelter, "shelter.harbor");
            assertThat(heading(shelter)).isEqualTo("Referrals to your shelter");
            assertThat(text(shelter, ".incoming-referral.status-PENDING .time-left"))
                    .contains("left to answer");
            photograph(shelter, "shelter-referrals.png");
            accessible(shelter, "shelter referrals");
            shelter.findElement(By.cssSelector(".incoming-referral.status-PENDING a"))
                    .click();
            assertThat(text(shelter, ".shared-details")).contains(canary);
            accessible(shelter, "shelter referral");
            shelter.findElement(By.cssSelector("form[action$='/accept'] button"))
                    .click();
            new WebDriverWait(shelter, WAIT)
                    .until(ExpectedConditions.textToBe(By.cssSelector("dd.referral-status"), "Accepted"));
            shelter.get(base + "/beds");
            assertThat(Integer.parseInt(text(shelter, ".beds-held"))).isGreaterThanOrEqualTo(1);
            accessible(shelter, "beds");

            // the advocate sees the answer live
            untilText(advocate, By.cssSelector(".referral-item .referral-status"), "Accepted");
            assertThat(notReloaded(advocate))
                    .as("the answer came without a reload")
                    .isTrue();

            // the officer's Spanish session shows the intake with the advocate's name, in Spanish
            officer.get(base + "/intakes?lang=es");
            assertThat(heading(officer)).isEqualTo("Mis registros");
            assertThat(officer.getPageSource())
                    .contains(advocateName)
                    .contains("Caso abierto")
                    .doesNotContain(canary);
            photograph(officer, "officer-my-intakes-es.png");
            officer.get(base + "/intakes?lang=en");
        } finally {
            for (WebDriver browser : List.of(officer, avery, blake, shelter)) {
                try {
                    browser.quit();
                } catch (RuntimeException alreadyClosed) {
                    // quit above
                }
            }
        }
    }

    @Test
    void aStaleSafetyPlanKeepsTheAdvocatesTextAndShowsWhoChangedIt() {
        WebDriver desk = Browsers.desk("en");
        WebDriver other = Browsers.desk("en");
        try {
            String[] opened = highDangerCase();
            String caseUrl = base + "/cases/" + opened[0];
            signIn(desk, opened[1]);
            desk.get(caseUrl + "/safety-plan");
            accessible(desk, "safety plan");
            desk.findElement(By.id("steps")).sendKeys("Keep a bag packed at a neighbour's");

            signIn(other, opened[1]);
            other.get(caseUrl + "/safety-plan");
            other.findElement(By.id("notes")).sendKeys("Changed from the office computer");
            other.findElement(By.cssSelector("form.plan button[type=submit]")).click();
            untilText(other, By.id("main"), "The safety plan was saved.");

            desk.findElement(By.cssSelector("form.plan button[type=submit]")).click();
            new WebDriverWait(desk, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("stale")));
            assertThat(text(desk, "#stale"))
                    .contains(opened[1] + " changed the plan")
                    .contains("nothing was lost");
            assertThat(desk.findElement(By.id("steps")).getAttribute("value"))
                    .contains("Keep a bag packed at a neighbour's");
            accessible(desk, "stale safety plan");
            desk.findElement(By.cssSelector("form.plan button[type=submit]")).click();
            untilText(desk, By.id("main"), "The safety plan was saved.");
            assertThat(desk.findElement(By.id("steps")).getAttribute("value")).contains("Keep a bag packed");
        } finally {
            desk.quit();
            other.quit();
        }
    }

    @Test
    void eachRolesMainScreenIsAccessibleAndPhotographed() {
        highDangerCase();
        WebDriver browser = Browsers.desk("en");
        try {
            signIn(browser, "supervisor.sam");
            assertThat(heading(browser)).isEqualTo("The agency's cases");
            assertThat(browser.findElements(By.cssSelector(".load"))).isNotEmpty();
            accessible(browser, "supervisor dashboard");
            photograph(browser, "supervisor-dashboard.png");
            browser.get(base + "/cases?dangerLevel=HIGH");
            assertThat(browser.findElements(By.cssSelector(".case-item a")))
                    .as(browser.getPageSource())
                    .isNotEmpty();
            accessible(browser, "case list");
            String caseUrl = browser.findElement(By.cssSelector(".case-item a")).getAttribute("href");
            browser.get(caseUrl);
            assertThat(browser.findElements(By.id("assignment"))).isNotEmpty();
            accessible(browser, "supervisor case page");
            browser.get(caseUrl + "/audit");
            assertThat(browser.findElements(By.cssSelector(".audit-entry"))).isNotEmpty();
            accessible(browser, "audit trail");
            browser.get(caseUrl + "/erase");
            browser.findElement(By.id("typed")).sendKeys("not-the-reference");
            browser.findElement(By.cssSelector("form[action$='/erase'] button[type=submit]"))
                    .click();
            new WebDriverWait(browser, WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("erase-typed-error")));
            assertThat(browser.findElement(By.id("typed")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            accessible(browser, "erasure with a wrong confirmation");
            browser.findElement(By.cssSelector("form[action$='/console/logout'] button"))
                    .click();

            signIn(browser, "admin");
            assertThat(heading(browser)).isEqualTo("Dead letters");
            accessible(browser, "dead letters");
            photograph(browser, "admin-dead-letters.png");
            browser.get(base + "/admin/audit");
            assertThat(browser.findElements(By.cssSelector(".audit-chain"))).hasSize(5);
            assertThat(text(browser, "#main")).contains("Intact");
            accessible(browser, "audit verification");
            browser.get(base + "/admin/webhooks");
            browser.findElement(By.id("org")).sendKeys("harbor-house");
            browser.findElement(By.id("url")).sendKeys("http://localhost:9/hook");
            browser.findElement(By.cssSelector("form[action$='/admin/webhooks'] button"))
                    .click();
            new WebDriverWait(browser, WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".webhook-secret")));
            String secret = text(browser, ".webhook-secret");
            assertThat(secret).hasSizeGreaterThan(30);
            accessible(browser, "webhooks");
            browser.navigate().refresh();
            assertThat(browser.getPageSource()).as("the secret is shown once").doesNotContain(secret);
            browser.findElement(By.cssSelector(".webhook button")).click();
            new WebDriverWait(browser, WAIT)
                    .until(b -> b.findElements(By.cssSelector(".webhook")).isEmpty());
            browser.get(base + "/preferences");
            accessible(browser, "preferences");
            browser.get(base + "/notifications");
            accessible(browser, "notifications");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aSupervisorReadsTheReportsChartsDownloadsTheLapReportAndIsToldWhatIsWrongWithAPeriod() throws Exception {
        highDangerCase();
        WebDriver browser = Browsers.desk("en");
        try {
            signIn(browser, "supervisor.sam");
            browser.findElement(By.linkText("Reports")).click();
            assertThat(heading(browser)).isEqualTo("Reports for funders");
            // reporting counts from the events: the intake just made appears once it has read them
            new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofSeconds(1)).until(b -> {
                b.navigate().refresh();
                return !b.findElements(By.cssSelector("#chart-screens .bar-row"))
                        .isEmpty();
            });
            assertThat(browser.findElements(By.cssSelector(".chart"))).hasSize(5);
            assertThat(text(browser, "#chart-screens")).contains("riverside-pd");
            assertThat(text(browser, "#chart-firstContact")).contains("bridges · HIGH");
            accessible(browser, "reports");
            photograph(browser, "supervisor-reports.png");

            String csvLink = browser.findElement(By.cssSelector("a[href*='/reports/lap.csv']"))
                    .getAttribute("href");
            String session = browser.manage().getCookieNamed("VILLAGE_CONSOLE").getValue();
            HttpResponse<String> csv = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(csvLink))
                                    .header("Cookie", "VILLAGE_CONSOLE=" + session)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
            assertThat(csv.headers().firstValue("Content-Disposition"))
                    .hasValueSatisfying(
                            disposition -> assertThat(disposition).contains("attachment", "lap-statistics-"));
            assertThat(csv.body()).startsWith("agency,month,screens,").contains("riverside-pd,period,");

            askForAPeriodTheWrongWayRound(browser);
            new WebDriverWait(browser, WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("period-to-error")));
            assertThat(text(browser, "#period-to-error")).contains("must not be before from");
            assertThat(browser.findElement(By.id("to")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(browser.findElement(By.id("from")).getAttribute("value")).isEqualTo("2026-10-31");
            assertThat(browser.findElements(By.cssSelector(".chart"))).isEmpty();
            accessible(browser, "reports with a period the wrong way round");
        } finally {
            browser.quit();
        }
    }

    /** From 31 October to 1 October; a date picker's typing differs by locale: set as the picker would set them. */
    private static void askForAPeriodTheWrongWayRound(WebDriver browser) {
        ((JavascriptExecutor) browser)
                .executeScript("document.getElementById('from').value = '2026-10-31';"
                        + " document.getElementById('to').value = '2026-10-01';");
        browser.findElement(By.cssSelector("form.period button[type=submit]")).click();
    }

    @Test
    void aRefusalReadsInSpanishAndWhatTheApiHasOnlyInEnglishIsMarkedSo() {
        // a supervisor's period the wrong way round: reporting-service says why in Spanish, next to the field
        WebDriver supervisor = Browsers.desk("es");
        try {
            signIn(supervisor, "supervisor.sam");
            supervisor.get(base + "/reports");
            askForAPeriodTheWrongWayRound(supervisor);
            new WebDriverWait(supervisor, WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("period-to-error")));
            assertThat(text(supervisor, "#period-to-error")).isEqualTo("no debe ser anterior a la fecha de inicio");
            assertThat(supervisor.findElement(By.id("period-to-error")).getAttribute("lang"))
                    .isNullOrEmpty();
            assertThat(supervisor.findElement(By.id("from")).getAttribute("value"))
                    .isEqualTo("2026-10-31");
            accessible(supervisor, "reports with a period the wrong way round, in Spanish");
        } finally {
            supervisor.quit();
        }

        // a recount that does not add up: the rule's sentence is English only; the page says what is wrong in
        // Spanish and shows the rule's sentence marked as English, keeping what was typed
        WebDriver shelter = Browsers.desk("es");
        try {
            signIn(shelter, "shelter.haven");
            shelter.get(base + "/beds");
            shelter.findElement(By.id("total")).clear();
            shelter.findElement(By.id("total")).sendKeys("1");
            shelter.findElement(By.id("occupied")).clear();
            shelter.findElement(By.id("occupied")).sendKeys("5");
            shelter.findElement(By.cssSelector("main form button[type=submit]")).click();
            new WebDriverWait(shelter, WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("beds-problem")));
            assertThat(text(shelter, "#beds-problem")).startsWith("Los números no cuadran");
            assertThat(text(shelter, "#beds-problem [lang=en]")).contains("occupied");
            assertThat(shelter.findElement(By.id("occupied")).getAttribute("value"))
                    .isEqualTo("5");
            accessible(shelter, "beds with a recount that does not add up, in Spanish");
        } finally {
            shelter.quit();
        }
    }

    @Test
    void anIdleSessionEndsAndTheWarningComesFirst() {
        WebDriver officer = Browsers.phone("en");
        try {
            signIn(officer, "officer.chen");
            officer.get(base + "/tasks");
            // the warning comes halfway through so short a timeout
            new WebDriverWait(officer, IDLE.dividedBy(2).plus(WAIT))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("idle-warning")));
            // nothing happens: the page reloads itself when the session has ended, onto the sign-in page
            new WebDriverWait(officer, IDLE.plus(WAIT))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            officer.get(base + "/tasks");
            new WebDriverWait(officer, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        } finally {
            officer.quit();
        }
    }

    /** Presses Tab until the element has the focus: it can be reached by keyboard (a trap or a gap fails). */
    private static void tabTo(WebDriver browser, String css) {
        WebElement target = browser.findElement(By.cssSelector(css));
        for (int i = 0; i < 400; i++) {
            if (target.equals(browser.switchTo().activeElement())) {
                return;
            }
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError(css + " cannot be reached with the Tab key");
    }

    private static void press(WebDriver browser, CharSequence key) {
        new Actions(browser).sendKeys(key).perform();
    }

    @Test
    void anIntakeAndAConsentAreRecordedByKeyboardAlone() {
        String[] opened = highDangerCase();
        WebDriver browser = Browsers.desk("en");
        try {
            signIn(browser, "officer.chen");
            browser.get(base + "/intakes/new");
            tabTo(browser, "#firstName");
            press(browser, "Teclado");
            tabTo(browser, "#q1-YES");
            press(browser, Keys.SPACE);
            tabTo(browser, "form.intake button[type=submit]");
            press(browser, Keys.ENTER);
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlMatches(".*/intakes/[0-9a-f-]{36}$"));
            assertThat(heading(browser)).isEqualTo("Intake recorded");
            tabTo(browser, "form[action$='/console/logout'] button");
            press(browser, Keys.ENTER);
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));

            signIn(browser, opened[1]);
            browser.get(base + "/cases/" + opened[0]);
            tabTo(browser, "#consents summary");
            press(browser, Keys.ENTER);
            tabTo(browser, "#scope-FIRST_NAME");
            press(browser, Keys.SPACE);
            tabTo(browser, ".consent-form button[type=submit]");
            press(browser, Keys.ENTER);
            untilText(browser, By.cssSelector("#consents"), "The consent was recorded.");
            tabTo(browser, ".consent-item form button");
            press(browser, Keys.ENTER);
            untilText(browser, By.cssSelector(".consent-item"), "Revoked");

            // a consent for longer than the law allows: the sentence next to its field, and nothing typed lost
            browser.findElement(By.cssSelector("#consents summary")).click();
            browser.findElement(By.cssSelector("label[for='scope-PHONE']")).click();
            ((JavascriptExecutor) browser)
                    .executeScript("document.getElementById('consent-expires').value = "
                            + "new Date(Date.now() + 200 * 86400000).toISOString().slice(0, 16);");
            String typed = browser.findElement(By.id("consent-expires")).getAttribute("value");
            browser.findElement(By.cssSelector(".consent-form button[type=submit]"))
                    .click();
            new WebDriverWait(browser, WAIT)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("consent-expiresAt-error")));
            assertThat(text(browser, "#consent-expiresAt-error")).contains("at most 90 days");
            assertThat(browser.findElement(By.id("consent-expires")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(browser.findElement(By.id("consent-expires")).getAttribute("value"))
                    .isEqualTo(typed);
            assertThat(browser.findElement(By.id("scope-PHONE")).isSelected())
                    .as("the details chosen are kept")
                    .isTrue();
            accessible(browser, "consent refused");
        } finally {
            browser.quit();
        }
    }

    /** The page fits a 360-px phone: nothing wider than the screen but what scrolls within its own box. */
    private static boolean fitsThePhone(WebDriver browser) {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth <= window.innerWidth;"));
    }

    @Test
    void everyRolesScreensSpeakSpanishAndFitAPhone() {
        String[] opened = highDangerCase();
        String caseUrl = "/cases/" + opened[0];
        Map<String, Map<String, String>> screens = new LinkedHashMap<>();
        screens.put(
                opened[1],
                Map.of(
                        "/dashboard",
                        "Casos a mi cargo",
                        "/cases",
                        "Casos",
                        caseUrl,
                        "Caso " + opened[0].substring(0, 8),
                        caseUrl + "/refer",
                        "Derivar a un refugio",
                        caseUrl + "/safety-plan",
                        "Plan de seguridad",
                        "/preferences",
                        "Preferencias",
                        "/notifications",
                        "Sus avisos",
                        "/tasks",
                        "Mis tareas"));
        screens.put(
                "supervisor.sam",
                Map.of(
                        "/dashboard",
                        "Casos de la agencia",
                        caseUrl + "/audit",
                        "Registro de auditoría",
                        caseUrl + "/erase",
                        "Borrar los datos personales de la sobreviviente",
                        "/reports",
                        "Informes para financiadores"));
        screens.put("shelter.haven", Map.of("/referrals", "Derivaciones a su refugio", "/beds", "Sus camas"));
        screens.put(
                "admin",
                Map.of(
                        "/admin/dead-letters",
                        "Mensajes fallidos",
                        "/admin/webhooks",
                        "Webhooks",
                        "/admin/audit",
                        "Registros de auditoría"));
        for (Map.Entry<String, Map<String, String>> user : screens.entrySet()) {
            WebDriver phone = Browsers.phone("es");
            try {
                signIn(phone, user.getKey());
                for (Map.Entry<String, String> screen : user.getValue().entrySet()) {
                    phone.get(base + screen.getKey());
                    assertThat(heading(phone))
                            .as(user.getKey() + " " + screen.getKey())
                            .isEqualTo(screen.getValue());
                    assertThat(phone.findElement(By.tagName("html")).getAttribute("lang"))
                            .isEqualTo("es");
                    assertThat(fitsThePhone(phone))
                            .as(screen.getKey() + " fits 360 px")
                            .isTrue();
                    accessible(phone, screen.getKey() + " in Spanish on a phone");
                }
            } finally {
                phone.quit();
            }
        }
    }
}
