package org.village.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real Chromium, driving the whole running system as ./village starts it: an officer on a
 * phone-sized window signs in at identity, records a HIGH intake (a double click makes one), sees it in "my
 * intakes" with the advocate assigned to it, in English and in Spanish; a shelter's staff gets the console's 404
 * page for the officer's screens; signing out ends the session at identity too. Every screen is checked with
 * axe-core for serious and critical WCAG 2.1 AA violations.
 */
class ConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = StackConfig.findRepository().resolve("platform/devstack/target/screenshots");
    private static DevStack stack;
    private static String base;

    @BeforeAll
    static void start() {
        Path repository = StackConfig.findRepository();
        stack = DevStack.start(StackConfig.onFreePorts(repository,
                repository.resolve("platform/devstack/target/console-" + UUID.randomUUID()), Duration.ofSeconds(180)));
        base = stack.config().gatewayUrl();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static void signIn(WebDriver browser, String user) {
        browser.get(base + "/");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("village");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlMatches("^" + base + "/(\\?continue)?$"));
    }

    private static String heading(WebDriver browser) {
        return browser.findElement(By.tagName("h1")).getText();
    }

    private static void accessible(WebDriver browser, String screen) {
        assertThat(Browsers.accessibilityViolations(browser)).as("axe on " + screen).isEmpty();
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

            fillHighDangerIntake(officer, "Ana");
            new WebDriverWait(officer, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("screen-result"), "yes to question 1, 2 or 3"));
            accessible(officer, "new intake");
            ((JavascriptExecutor) officer).executeScript("window.scrollTo(0, 0)");
            Browsers.screenshot(officer, SCREENSHOTS.resolve("officer-new-intake.png"));
            ((JavascriptExecutor) officer).executeScript(
                    "var b = document.querySelector('form.intake button[type=submit]'); b.click(); b.click();");
            new WebDriverWait(officer, WAIT).until(ExpectedConditions.urlMatches(".*/intakes/[0-9a-f-]{36}$"));
            assertThat(heading(officer)).isEqualTo("Intake recorded");
            assertThat(officer.getPageSource()).contains("High danger").contains("has not spoken with the hotline")
                    .doesNotContain("Ana");
            assertThat(officer.getTitle()).doesNotContain("Ana");
            accessible(officer, "intake result");

            assertThat(intakesListed(officer)).as("a double click makes one intake").isEqualTo(before + 1);
            new WebDriverWait(officer, WAIT).pollingEvery(Duration.ofSeconds(1))
                    .ignoring(StaleElementReferenceException.class).until(browser -> {
                browser.navigate().refresh();
                return browser.findElements(By.cssSelector(".intake-item .advocate")).stream()
                        .anyMatch(advocate -> advocate.getText().startsWith("advocate."));
            });
            accessible(officer, "my intakes");
            Browsers.screenshot(officer, SCREENSHOTS.resolve("officer-my-intakes.png"));

            officer.get(base + "/tasks");
            assertThat(heading(officer)).isEqualTo("My tasks");
            accessible(officer, "my tasks");
            var welfareCheck = officer.findElements(By.cssSelector(".task-item")).stream()
                    .filter(task -> task.getText().contains("Welfare check") && task.getText().contains("Open"))
                    .findFirst().orElseThrow();
            welfareCheck.findElement(By.tagName("textarea")).sendKeys("Visited, safe for now");
            welfareCheck.findElement(By.cssSelector("button[type=submit]")).click();
            new WebDriverWait(officer, WAIT).ignoring(StaleElementReferenceException.class).until(browser -> browser
                    .findElements(By.cssSelector(".task-item")).stream()
                    .anyMatch(task -> task.getText().contains("Welfare check") && task.getText().contains("Done")));

            officer.get(base + "/intakes?lang=es");
            assertThat(heading(officer)).isEqualTo("Mis registros");
            assertThat(officer.getPageSource()).contains("Caso abierto");
            accessible(officer, "my intakes in Spanish");
            officer.get(base + "/?lang=en");

            officer.findElement(By.cssSelector("form[action$='/console/logout'] button")).click();
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
            officer.findElement(By.cssSelector("form.intake button[type=submit]")).click();

            new WebDriverWait(officer, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("firstName-error")));
            assertThat(officer.findElement(By.id("firstName")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(officer.findElement(By.id("lastName")).getAttribute("value")).isEqualTo("Diaz");
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
            assertThat(heading(shelter)).isEqualTo("Sus avisos");
            for (String page : List.of("/intakes/new", "/intakes")) {
                shelter.get(base + page);
                assertThat(heading(shelter)).as(page).isEqualTo("Página no encontrada");
            }
            accessible(shelter, "not found");
        } finally {
            shelter.quit();
        }
    }
}
