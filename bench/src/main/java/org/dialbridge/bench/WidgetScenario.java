package org.dialbridge.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.HdrHistogram.Histogram;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * widget: what the click-to-call element costs a CRM page. Its size on the wire (click-to-call.js,
 * the modules it imports statically and the CSS, gzipped: what every page loads; and each language
 * pack, fetched only for another language or an error), and in headless Chromium the time from the
 * moment the page starts fetching the script to the first frame in which the button is there with
 * its text and its stylesheet applied, against a bare custom element (a shadow root with one
 * button, no styles) loaded the same way from the same server. The browser cache is off: every load
 * fetches the files again.
 */
final class WidgetScenario {
  /** The bare limit: the least a custom element that renders a button can do. */
  static final String BARE_ELEMENT =
      """
      customElements.define('bare-button', class extends HTMLElement {
        connectedCallback() {
          this.attachShadow({ mode: 'open' }).innerHTML = '<button type="button">Call</button>';
        }
      });
      """;

  /** {@code import … from './x.js';}: a static import of a module next to the importer. */
  private static final Pattern STATIC_IMPORT =
      Pattern.compile("^import [^;]* from '\\./([^']+)';", Pattern.MULTILINE);

  /** The language packs next to the script, in {@code i18n/}. */
  static final List<String> PACKS = List.of("en", "es", "pt-BR");

  private static final List<String> FLAGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--window-size=900,600");
  // no DevTools bindings are used (only chromedriver's own CDP endpoint), so the version warning is
  // noise
  private static final List<Logger> QUIET =
      Stream.of(
              "org.openqa.selenium.devtools.CdpVersionFinder",
              "org.openqa.selenium.chromium.ChromiumDriver")
          .map(Logger::getLogger)
          .toList();

  private final Options options;
  private final Report report =
      new Report("widget — bytes on the wire and time to first render in headless Chromium");

  WidgetScenario(Options options) {
    this.options = options;
  }

  /**
   * A page that records, in {@code window.bench}, when the script's fetch started and ended
   * (Resource Timing) and the first animation frame in which {@code tag} shows its button with text
   * and, where it has one, its stylesheet loaded.
   */
  static String page(String script, String tag) {
    return """
    <!doctype html>
    <html lang="en">
    <head>
      <meta charset="utf-8">
      <title>bench</title>
      <script>
        window.bench = null;
        (function frame() {
          const el = document.getElementById('w');
          const root = el && el.shadowRoot;
          const button = root && root.querySelector('button');
          const link = root && root.querySelector('link[rel=stylesheet]');
          if (button && button.textContent.trim() && (!link || link.sheet)) {
            const t = performance.now();
            const r = performance.getEntriesByType('resource').find(e => e.name.includes('%1$s'));
            window.bench = {
              render: t, fetchStart: r ? r.startTime : NaN, fetchEnd: r ? r.responseEnd : NaN
            };
          } else {
            requestAnimationFrame(frame);
          }
        })();
      </script>
      <script type="module" src="%1$s"></script>
    </head>
    <body>
      <h1>Ana Torres</h1>
      <p>+51 1 555 1234</p>
      <%2$s id="w" number="+51 1 555 1234" contact-id="42"></%2$s>
    </body>
    </html>
    """
        .formatted(script, tag);
  }

  int run() throws Exception {
    Duration phase = options.phase(20);
    List<String> files = staticModules("click-to-call.js", new HashSet<>(), new ArrayList<>());
    files.add("click-to-call.css");
    byte[] all = new byte[0];
    List<String> sizes = new ArrayList<>();
    int oneByOne = 0;
    for (String file : files) {
      byte[] bytes = resource(file);
      all = concat(all, bytes);
      sizes.add(String.format(Locale.ROOT, "%s %,d", file, bytes.length));
      oneByOne += gzip(bytes, Deflater.BEST_COMPRESSION);
    }
    int gz6 = gzip(all, 6);
    int gz9 = gzip(all, Deflater.BEST_COMPRESSION);
    int bareGz = gzip(BARE_ELEMENT.getBytes(StandardCharsets.UTF_8), Deflater.BEST_COMPRESSION);
    report.addRow(
        "click-to-call.js + modules + .css",
        "bytes",
        String.format(Locale.ROOT, "%,d raw (%s)", all.length, String.join(", ", sizes)),
        "",
        "",
        "");
    report.addRow(
        "click-to-call.js + modules + .css",
        "gzipped",
        String.format(
            Locale.ROOT,
            "%,d together (level 9), %,d (level 6); %,d one by one (level 9)",
            gz9,
            gz6,
            oneByOne),
        "",
        "",
        "");
    for (String lang : PACKS) {
      int packGz = gzip(resource("i18n/" + lang + ".js"), Deflater.BEST_COMPRESSION);
      report.addRow(
          "i18n/" + lang + ".js",
          "gzipped",
          String.format(Locale.ROOT, "%,d (level 9)", packGz),
          "",
          "",
          "");
      report.check(
          "i18n/" + lang + ".js under 1.25 KB gzipped",
          packGz < 1280,
          String.format(Locale.ROOT, "%,d B", packGz));
    }
    report.addRow(
        "bare element", "gzipped", String.format(Locale.ROOT, "%,d (level 9)", bareGz), "", "", "");
    report.check(
        "JS modules + CSS under 7 KB gzipped together (docs/widget.md's promise)",
        gz9 < 7 * 1024,
        String.format(Locale.ROOT, "%,d B", gz9));
    report.ratio("widget / bare element, gzipped bytes", (double) gz9 / bareGz);

    Path chromium = Path.of(System.getProperty("bench.chromium", "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getProperty("bench.chromedriver", "/usr/bin/chromedriver"));
    if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      report.note(
          "render time not measured: "
              + chromium
              + " or "
              + chromedriver
              + " not found "
              + "(set -Dbench.chromium and -Dbench.chromedriver)");
      report.print(options.out());
      return report.failedChecks();
    }
    QUIET.forEach(l -> l.setLevel(Level.SEVERE));
    try (FakeProviders fake = new FakeProviders()) {
      BenchDb db = BenchDb.fresh(BenchDb.Kind.H2, options.work());
      Map<String, String> config = new HashMap<>(BenchConfig.providers(fake.base()));
      config.putAll(db.storeConfig());
      try (ServerProcess server =
          ServerProcess.start(
              "stack",
              config,
              options.serverJvmArgs(),
              options.work().resolve("logs").resolve("widget-stack.log"),
              "widget host")) {
        Path profile = Files.createTempDirectory("dialbridge-bench-chromium-");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriver.toString());
        ChromeOptions chrome = new ChromeOptions();
        chrome.setBinary(chromium.toFile());
        chrome.addArguments(FLAGS);
        chrome.addArguments("--user-data-dir=" + profile);
        ChromeDriver driver =
            new ChromeDriver(
                new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort()
                    .build(),
                chrome);
        try {
          driver
              .manage()
              .timeouts()
              .pageLoadTimeout(Duration.ofSeconds(15))
              .scriptTimeout(Duration.ofSeconds(10));
          driver.executeCdpCommand("Network.enable", Map.of());
          driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
          driver.get(server.base() + "/bench/page/bare");
          driver.manage().addCookie(new Cookie(SignInFilter.COOKIE, "agent-0", "/crm"));
          String widgetPage = server.base() + "/bench/page/widget";
          String barePage = server.base() + "/bench/page/bare";
          // warm the browser and the server up on both pages
          for (int i = 0; i < 20; i++) {
            load(driver, widgetPage);
            load(driver, barePage);
          }
          Histogram widgetFromFetch = histogram();
          Histogram widgetFromArrival = histogram();
          Histogram bareFromFetch = histogram();
          Histogram bareFromArrival = histogram();
          long end = System.nanoTime() + phase.toNanos();
          int loads = 0;
          while (System.nanoTime() < end) {
            // alternate, so that both see the same machine
            record(load(driver, widgetPage), widgetFromFetch, widgetFromArrival);
            record(load(driver, barePage), bareFromFetch, bareFromArrival);
            loads++;
          }
          report.addRow(
              "click-to-call element",
              "script fetch start → first render",
              loads + " loads",
              millis(widgetFromFetch, 50),
              millis(widgetFromFetch, 99),
              "");
          report.addRow(
              "click-to-call element",
              "script arrived → first render",
              loads + " loads",
              millis(widgetFromArrival, 50),
              millis(widgetFromArrival, 99),
              "");
          report.addRow(
              "bare element (limit)",
              "script fetch start → first render",
              loads + " loads",
              millis(bareFromFetch, 50),
              millis(bareFromFetch, 99),
              "");
          report.addRow(
              "bare element (limit)",
              "script arrived → first render",
              loads + " loads",
              millis(bareFromArrival, 50),
              millis(bareFromArrival, 99),
              "");
          report.ratio(
              "widget / bare element, median script fetch start → first render",
              (double) widgetFromFetch.getValueAtPercentile(50)
                  / Math.max(1, bareFromFetch.getValueAtPercentile(50)));
          report.line(
              String.format(
                  Locale.ROOT,
                  "the widget's extra fetch (its stylesheet) and its work add %.1f ms at the "
                      + "median",
                  (widgetFromFetch.getValueAtPercentile(50)
                          - bareFromFetch.getValueAtPercentile(50))
                      / 1000.0));
          report.note(
              driver.getCapabilities().getBrowserName()
                  + " "
                  + driver.getCapabilities().getBrowserVersion()
                  + " headless, cache disabled (every load fetches the script, and the widget its"
                  + " stylesheet, from the server on loopback), the page served by the benchmark"
                  + " host with Dialbridge mounted, signed in");
          report.note(
              "first render: the first animation frame in which the button has its text and, for"
                  + " the widget, its shadow stylesheet is loaded; the widget's GET /me"
                  + " (capabilities) is not waited for");
        } finally {
          driver.quit();
          BenchDb.deleteTree(profile);
        }
      }
    }
    report.print(options.out());
    return report.failedChecks();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(ChromeDriver driver, String url) {
    driver.get(url);
    Object result = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (result == null && System.nanoTime() < deadline) {
      result = driver.executeScript("return window.bench;");
    }
    if (result == null)
      throw new IllegalStateException(url + " did not render its button within 10 s");
    return (Map<String, Object>) result;
  }

  private static void record(
      Map<String, Object> timing, Histogram fromFetch, Histogram fromArrival) {
    double render = ((Number) timing.get("render")).doubleValue();
    double start = ((Number) timing.get("fetchStart")).doubleValue();
    double arrived = ((Number) timing.get("fetchEnd")).doubleValue();
    fromFetch.recordValue(Math.max(0, Math.round((render - start) * 1000)));
    fromArrival.recordValue(Math.max(0, Math.round((render - arrived) * 1000)));
  }

  private static Histogram histogram() {
    return new Histogram(60_000_000L, 3);
  }

  private static String millis(Histogram h, double percentile) {
    return String.format(Locale.ROOT, "%.2f ms", h.getValueAtPercentile(percentile) / 1000.0);
  }

  private static byte[] resource(String file) throws IOException {
    try (InputStream in =
        WidgetScenario.class
            .getClassLoader()
            .getResourceAsStream("META-INF/resources/dialbridge/" + file)) {
      if (in == null) throw new IOException(file + " is not on the class path");
      return in.readAllBytes();
    }
  }

  /**
   * {@code module} and every module it imports statically, imports first (the order a browser runs
   * them).
   */
  static List<String> staticModules(String module, Set<String> seen, List<String> order)
      throws IOException {
    if (!seen.add(module)) return order;
    Matcher imports = STATIC_IMPORT.matcher(new String(resource(module), StandardCharsets.UTF_8));
    while (imports.find()) staticModules(imports.group(1), seen, order);
    order.add(module);
    return order;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  static int gzip(byte[] data, int level) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip =
        new GZIPOutputStream(out) {
          {
            def.setLevel(level);
          }
        }) {
      gzip.write(data);
    }
    return out.size();
  }
}
