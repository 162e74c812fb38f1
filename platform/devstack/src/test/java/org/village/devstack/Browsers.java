package org.village.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real Chromium for the browser tests: Debian's chromium and chromium-driver, installed when missing (as root
 * with apt-get), or a sentence saying what to install. Never a downloaded browser, never a skipped test.
 */
final class Browsers {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Browsers() {}

    /** A headless Chromium with the window of a phone held upright (360 × 800) and the given language. */
    static WebDriver phone(String language) {
        ChromeDriver phone = (ChromeDriver) chromium(360, 800, language);
        phone.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 800, "deviceScaleFactor", 1, "mobile", true));
        return phone;
    }

    /** A headless Chromium with a desk's window. */
    static WebDriver desk(String language) {
        return chromium(1280, 900, language);
    }

    private static WebDriver chromium(int width, int height, String language) {
        ensureInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=" + width + "," + height,
                "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    private static synchronized void ensureInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
            return;
        }
        if (Files.isExecutable(Path.of("/usr/bin/apt-get")) && "root".equals(System.getProperty("user.name"))) {
            run("apt-get", "update", "-q");
            run("apt-get", "install", "-y", "-q", "chromium", "chromium-driver");
        }
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("The browser tests need Chromium: install the Debian packages chromium "
                    + "and chromium-driver (apt-get install chromium chromium-driver) and run the tests again.");
        }
    }

    private static void run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(System.out);
            process.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The serious and critical WCAG 2.1 A/AA violations axe-core finds on the current page. */
    @SuppressWarnings("unchecked")
    static List<String> accessibilityViolations(WebDriver driver) {
        String axe;
        try (InputStream script =
                Browsers.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            if (script == null) {
                throw new IllegalStateException("axe-core is not on the test classpath");
            }
            axe = new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axe);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        List<Map<String, Object>> violations =
                (List<Map<String, Object>>) js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', "
                        + "'wcag21a', 'wcag21aa']}})"
                        + ".then(function (r) { done(r.violations.map(function (v) {"
                        + "return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}; })); });");
        List<String> found = new ArrayList<>();
        for (Map<String, Object> violation : violations) {
            if ("serious".equals(violation.get("impact")) || "critical".equals(violation.get("impact"))) {
                found.add(violation.get("id") + " (" + violation.get("impact") + "): " + violation.get("help") + " × "
                        + violation.get("nodes"));
            }
        }
        return found;
    }

    /** Saves what the browser shows. */
    static void screenshot(WebDriver driver, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
