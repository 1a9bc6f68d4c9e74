package org.dialbridge.core.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Configuration that stops start-up. Each problem names its key and says what is wrong with it;
 * when several keys are wrong they are reported together, one line each, so one restart fixes them
 * all.
 */
public final class ConfigException extends DialbridgeException {
  private static final long serialVersionUID = 1L;

  /** One bad or missing key. */
  public record Problem(String key, String problem) {
    @Override
    public String toString() {
      return key + ": " + problem;
    }
  }

  private final List<Problem> problems;

  public ConfigException(String key, String problem) {
    this(List.of(new Problem(key, problem)));
  }

  private ConfigException(List<Problem> problems) {
    super(ErrorCode.CONFIG_INVALID, message(problems));
    this.problems = List.copyOf(problems);
  }

  /** One exception reporting every problem of {@code exceptions}, in order. */
  public static ConfigException combine(List<ConfigException> exceptions) {
    if (exceptions.isEmpty()) throw new IllegalArgumentException("no problems to report");
    if (exceptions.size() == 1) return exceptions.get(0);
    return new ConfigException(exceptions.stream().flatMap(e -> e.problems.stream()).toList());
  }

  /** The first bad key. */
  public String key() {
    return problems.get(0).key();
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    if (problems.size() == 1) return "Dialbridge configuration: " + problems.get(0);
    return "Dialbridge configuration has "
        + problems.size()
        + " problems:"
        + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
  }
}
