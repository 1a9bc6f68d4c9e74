package org.dialbridge.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dialbridge.core.error.ConfigException;

/**
 * One pass over the {@code dialbridge.*} properties: values with {@code ${env:}} and {@code
 * ${sys:}} resolved, the problems found so far (one per key, all reported at once), and the keys
 * some section asked for, so that every other key can be reported as unknown.
 */
final class PropertyReader {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{(env|sys):([A-Za-z_][A-Za-z0-9_.-]*)(?::-([^}]*))?}");
  private static final int MAX_SUGGESTION_DISTANCE = 3;

  private final Map<String, String> values = new TreeMap<>();
  private final Set<String> consumed = new TreeSet<>();
  private final List<ConfigException> problems = new ArrayList<>();

  /**
   * Keeps the keys under {@link DialbridgeConfig#PREFIX}, except the one naming the file, and
   * resolves their references.
   */
  PropertyReader(Map<String, String> properties, Map<String, String> env) {
    properties.forEach(
        (k, v) -> {
          if (k != null
              && k.startsWith(DialbridgeConfig.PREFIX)
              && !k.equals(DialbridgeConfig.PREFIX + "config")) {
            values.put(k.strip(), v);
          }
        });
    values.replaceAll((key, value) -> resolve(key, value, env));
  }

  /** All of {@code dialbridge.*}. */
  Section root() {
    return new Section(this, DialbridgeConfig.PREFIX);
  }

  /**
   * The value of {@code key}, stripped, or empty when absent or blank; either way the key counts as
   * known.
   */
  Optional<String> take(String key) {
    consumed.add(key);
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /** The keys under {@code prefix} and their values, in key order, without consuming them. */
  Map<String, String> under(String prefix) {
    Map<String, String> found = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) found.put(k, v);
        });
    return found;
  }

  void consume(String key) {
    consumed.add(key);
  }

  void problem(String key, String problem) {
    problems.add(new ConfigException(key, problem));
  }

  /** Reports each key no section asked for, then throws when anything was wrong. */
  void finish() {
    for (String key : values.keySet()) {
      if (!consumed.contains(key)) problem(key, "unknown key" + suggestion(key));
    }
    if (!problems.isEmpty()) throw ConfigException.combine(problems);
  }

  private String resolve(String key, String value, Map<String, String> env) {
    if (value == null) return null;
    Matcher m = REFERENCE.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      boolean fromEnv = m.group(1).equals("env");
      String v = fromEnv ? env.get(m.group(2)) : System.getProperty(m.group(2));
      if (v == null) v = m.group(3);
      if (v == null) {
        problem(
            key,
            "refers to "
                + (fromEnv ? "environment variable " : "system property ")
                + m.group(2)
                + ", which is not set");
        v = "";
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The nearest known key, when one is a likely typo of {@code key}. */
  private String suggestion(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : consumed) {
      int d = distance(key, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best != null && bestDistance <= MAX_SUGGESTION_DISTANCE
        ? " (did you mean " + best + "?)"
        : "";
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
