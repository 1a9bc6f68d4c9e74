package org.dialbridge.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as people write them in properties: {@code 500ms}, {@code 2s}, {@code 10m},
 * {@code 2h}, {@code 1d}, or ISO-8601.
 */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|min|h|d)");

  private Durations() {}

  /**
   * @throws IllegalArgumentException saying what is accepted
   */
  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m", "min" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (write e.g. 500ms, 2s, 10m, 2h)");
    }
  }

  /** The way this class reads it back: {@code 2s}, {@code 500ms}, {@code 2h}. */
  public static String format(Duration d) {
    if (d.toMillis() % 1000 != 0) return d.toMillis() + "ms";
    long s = d.toSeconds();
    if (s % 3600 == 0 && s > 0) return s / 3600 + "h";
    if (s % 60 == 0 && s > 0) return s / 60 + "m";
    return s + "s";
  }
}
