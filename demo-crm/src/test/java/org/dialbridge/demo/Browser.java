package org.dialbridge.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven by the system's chromedriver, never one Selenium Manager downloads.
 * Without a browser the tests are skipped, except on CI ({@code CI=true}) or with
 * {@code -Ddialbridge.browser.required=true}, where they fail.
 */
final class Browser implements AutoCloseable {
  private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
      "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");
  private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

  private final WebDriver driver;
  private final Path profile;

  private Browser(WebDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /**
   * Why no browser can run here, if none can: empty when Chromium and chromedriver are installed.
   * Fails instead on CI ({@code CI=true}) or with {@code -Ddialbridge.browser.required=true}.
   */
  static Optional<String> missing() {
    if (find("CHROME_BIN", BROWSERS).isPresent() && find("CHROMEDRIVER", DRIVERS).isPresent()) return Optional.empty();
    String message = "No Chromium and chromedriver found (looked at $CHROME_BIN, " + BROWSERS + ", $CHROMEDRIVER, "
        + DRIVERS + "): the end-to-end browser tests need both";
    if (required()) Assertions.fail(message + ", and they are required here (CI=true or -Ddialbridge.browser.required=true)");
    return Optional.of(message + "; skipped");
  }

  /** Starts the browser; call {@link #missing()} first. */
  static Browser start() throws IOException {
    Optional<String> binary = find("CHROME_BIN", BROWSERS);
    Optional<String> chromedriver = find("CHROMEDRIVER", DRIVERS);
    if (binary.isEmpty() || chromedriver.isEmpty()) throw new IllegalStateException(missing().orElse("no browser"));
    // a known driver means Selenium Manager is never asked to find or download one
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriver.get());
    Path profile = Files.createTempDirectory("dialbridge-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary.get());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,900", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver.get()))
        .usingAnyFreePort()
        .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
      return new Browser(driver, profile);
    } catch (RuntimeException e) {
      deleteQuietly(profile);
      throw e;
    }
  }

  WebDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(profile);
    }
  }

  private static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("dialbridge.browser.required");
  }

  private static Optional<String> find(String env, List<String> candidates) {
    String configured = System.getenv(env);
    if (configured != null && !configured.isBlank()) return Optional.of(configured).filter(Browser::executable);
    return candidates.stream().filter(Browser::executable).findFirst();
  }

  private static boolean executable(String path) {
    return Files.isExecutable(Path.of(path));
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temp folder left behind is harmless
    }
  }
}
