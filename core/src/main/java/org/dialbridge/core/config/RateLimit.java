package org.dialbridge.core.config;

import java.time.Duration;

/** At most {@code calls} calls per {@code per}, per agent; written {@code 10/1m}. */
public record RateLimit(int calls, Duration per) {

  public RateLimit {
    if (calls < 1) throw new IllegalArgumentException("calls < 1");
    if (per == null || per.isZero() || per.isNegative())
      throw new IllegalArgumentException("per must be positive");
  }

  /**
   * @throws IllegalArgumentException for anything but {@code <calls>/<duration>}
   */
  public static RateLimit parse(String text) {
    String[] parts = text.strip().split("/");
    if (parts.length != 2)
      throw new IllegalArgumentException("'" + text + "' is not a rate (write e.g. 10/1m)");
    int calls;
    try {
      calls = Integer.parseInt(parts[0].strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a rate (write e.g. 10/1m)");
    }
    String per = parts[1].strip();
    return new RateLimit(
        calls, Durations.parse(Character.isDigit(per.charAt(0)) ? per : "1" + per));
  }

  @Override
  public String toString() {
    return calls + "/" + Durations.format(per);
  }
}
