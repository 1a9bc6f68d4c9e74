package org.dialbridge.servlet.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by Selenium for one test class: {@code @RegisterExtension static final
 * Browser browser = new Browser();}. It starts before the class's tests and quits after them, with
 * a fresh temporary profile. The one browser launcher of the tests (servlet-module's widget tests,
 * the demo CRM's page tests): same flags, same rule for a missing browser everywhere.
 *
 * <p>It only uses the browser and driver installed on the machine: the system properties {@code
 * dialbridge.test.chromium} and {@code dialbridge.test.chromedriver}, else the environment
 * variables {@code CHROME_BIN} and {@code CHROMEDRIVER}, else the first of Debian's and Chrome's
 * usual paths ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver} ...). Both paths are given
 * to Selenium explicitly, so Selenium Manager never runs and nothing is downloaded. When either is
 * missing the class's tests are skipped with a message saying what was looked for, except with the
 * environment variable {@code CI=true} (or {@code -Ddialbridge.browser.required=true}), where the
 * run fails: a CI job that silently skips its browser tests tests nothing. A browser that is there
 * but does not start fails the run everywhere.
 *
 * <p>A failed test leaves {@code target/screenshots/failed-<test>.png} behind.
 */
public final class Browser
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, TestWatcher {
  private static final List<String> FLAGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run");
  private static final List<String> BROWSERS =
      List.of(
          "/usr/bin/chromium",
          "/usr/bin/chromium-browser",
          "/usr/bin/google-chrome",
          "/usr/bin/google-chrome-stable");
  private static final List<String> DRIVERS =
      List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

  // These tests use no DevTools API, so Selenium's warning that it has no CDP bindings for this
  // Chromium's version is noise. Held here: java.util.logging keeps loggers only weakly.
  private static final List<Logger> QUIET =
      Stream.of(
              "org.openqa.selenium.devtools.CdpVersionFinder",
              "org.openqa.selenium.chromium.ChromiumDriver")
          .map(Logger::getLogger)
          .toList();

  static {
    QUIET.forEach(l -> l.setLevel(Level.SEVERE));
  }

  private final Path chromium = find("dialbridge.test.chromium", "CHROME_BIN", BROWSERS);
  private final Path chromedriver = find("dialbridge.test.chromedriver", "CHROMEDRIVER", DRIVERS);
  private final String windowSize;
  private Path profile;
  private ChromeDriver driver;
  private String skipReason;

  /** A 900x600 window. */
  public Browser() {
    this(900, 600);
  }

  /** A window of {@code width} x {@code height} pixels (what screenshots show). */
  public Browser(int width, int height) {
    this.windowSize = "--window-size=" + width + "," + height;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Optional<String> missing =
        Stream.of(chromium, chromedriver)
            .filter(p -> !Files.isExecutable(p))
            .map(Path::toString)
            .reduce((a, b) -> a + " and " + b);
    if (missing.isPresent()) {
      String why =
          "Browser tests need Chromium and chromedriver; not found: "
              + missing.get()
              + " (looked at -Ddialbridge.test.chromium, $CHROME_BIN, "
              + BROWSERS
              + ", -Ddialbridge.test.chromedriver, "
              + "$CHROMEDRIVER, "
              + DRIVERS
              + ")";
      if (required()) {
        Assertions.fail(
            why + "; CI=true or -Ddialbridge.browser.required=true, so this fails the build");
      }
      // Skipped test by test (in beforeEach): an aborted class would vanish from the report.
      skipReason = why + "; skipped";
      return;
    }
    // Both set explicitly: Selenium Manager runs only when it must find one of them itself.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriver.toString());
    profile = Files.createTempDirectory("dialbridge-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(FLAGS);
    options.addArguments(windowSize);
    options.addArguments("--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    try {
      driver = new ChromeDriver(service, options);
    } catch (WebDriverException e) {
      deleteProfile();
      throw new IllegalStateException(
          "Chromium at "
              + chromium
              + " with "
              + chromedriver
              + " did not start: "
              + e.getMessage().lines().findFirst().orElse(""),
          e);
    }
    driver
        .manage()
        .timeouts()
        .pageLoadTimeout(Duration.ofSeconds(15))
        .scriptTimeout(Duration.ofSeconds(10));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (skipReason != null) Assumptions.abort(skipReason);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (driver != null) driver.quit();
    } finally {
      driver = null;
      deleteProfile();
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (driver != null) {
      try {
        screenshot("failed-" + context.getRequiredTestMethod().getName());
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
  }

  /** Whether the browser runs: false when it is missing and its tests are being skipped. */
  public boolean available() {
    return driver != null;
  }

  public WebDriver driver() {
    if (driver == null) throw new IllegalStateException("the browser is not running");
    return driver;
  }

  /** Opens {@code url} and returns once the page has loaded. */
  public void open(String url) {
    driver().get(url);
  }

  /** Runs {@code script} in the page, with {@code args} as {@code arguments}. */
  @SuppressWarnings("unchecked")
  public <T> T script(String script, Object... args) {
    return (T) ((JavascriptExecutor) driver()).executeScript(script, args);
  }

  /**
   * Waits up to {@code seconds} for {@code condition} to give a non-null, non-false value, and
   * returns it.
   */
  public <T> T await(String what, double seconds, Function<WebDriver, T> condition) {
    WebDriverWait wait =
        new WebDriverWait(
            driver(), Duration.ofMillis((long) (seconds * 1000)), Duration.ofMillis(50));
    wait.ignoring(StaleElementReferenceException.class).withMessage(what);
    return wait.until(condition);
  }

  /** Saves the viewport as {@code target/screenshots/<name>.png} and returns the file. */
  public Path screenshot(String name) {
    Path dir = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    try {
      Files.createDirectories(dir);
      File shot = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE);
      Path target = dir.resolve(name + ".png");
      Files.move(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("CI"))
        || Boolean.getBoolean("dialbridge.browser.required");
  }

  /**
   * The path {@code property} or {@code env} names, else the first executable candidate (else the
   * first).
   */
  private static Path find(String property, String env, List<String> candidates) {
    String configured = System.getProperty(property);
    if (configured == null || configured.isBlank()) configured = System.getenv(env);
    if (configured != null && !configured.isBlank()) return Path.of(configured);
    return candidates.stream()
        .map(Path::of)
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(Path.of(candidates.get(0)));
  }

  private void deleteProfile() {
    if (profile == null) return;
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
    profile = null;
  }
}
