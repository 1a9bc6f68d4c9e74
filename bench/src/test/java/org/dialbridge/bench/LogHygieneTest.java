package org.dialbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Everything Dialbridge logged while the whole suite ran (each module's surefire output, written
 * through .ci/test-logging.properties as one [JUL] line per record, every level) must hold no full
 * phone number, no token or password, and no Authorization header. This module builds last, so the
 * other modules' reports are there.
 */
class LogHygieneTest {
  private static final List<Pattern> LEAKS =
      List.of(
          Pattern.compile(
              "Authorization:?\\s*(Basic|Bearer)\\s+[A-Za-z0-9+/=._-]{4,}",
              Pattern.CASE_INSENSITIVE),
          Pattern.compile("\\+\\d{8,15}\\b"),
          Pattern.compile("(?<![\\w.:-])\\d{9,15}(?![\\w.:-])"),
          Pattern.compile(
              "(token|password|secret|api-secret|auth-value)\\s*[=:]\\s*(?!\\*)[^\\s,\\]]{3,}",
              Pattern.CASE_INSENSITIVE),
          Pattern.compile("https?://[^/\\s:@]+:[^/\\s@*]+@"));

  @Test
  void theSuiteLoggedNoPhoneNumberTokenPasswordOrAuthorizationHeader() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> outputs = new ArrayList<>();
    for (String module : List.of("core", "servlet-module", "web-widget", "demo-crm")) {
      Path reports = root.resolve(module).resolve("target/surefire-reports");
      if (!Files.isDirectory(reports)) continue;
      try (Stream<Path> files = Files.list(reports)) {
        files.filter(p -> p.getFileName().toString().endsWith("-output.txt")).forEach(outputs::add);
      }
    }
    assumeTrue(
        !outputs.isEmpty() || "true".equals(System.getenv("CI")),
        "no surefire output of the other modules: run the whole build (mvn verify) to check log"
            + " hygiene");
    assertThat(outputs).as("surefire output files of the other modules").isNotEmpty();

    List<String> records = new ArrayList<>();
    List<String> leaks = new ArrayList<>();
    for (Path file : outputs) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.startsWith("[JUL] ") || !line.contains(" org.dialbridge")) continue;
        records.add(line);
        for (Pattern leak : LEAKS) {
          if (leak.matcher(line).find()) leaks.add(file.getFileName() + ": " + line);
        }
      }
    }
    assertThat(records).as("Dialbridge log records captured from the suite").hasSizeGreaterThan(20);
    assertThat(leaks).as("log records with a phone number, secret or credential").isEmpty();
  }
}
