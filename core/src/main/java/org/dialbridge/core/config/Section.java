package org.dialbridge.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dialbridge.core.spi.ProviderConfig;

/**
 * The keys under one prefix ({@code dialbridge.store.}), read by their short name ({@code
 * pool-size}). A bad value is reported under its full key and read as the default, so that reading
 * goes on and every problem is found in one pass.
 */
final class Section {
  private final PropertyReader reader;
  private final String prefix;

  Section(PropertyReader reader, String prefix) {
    this.reader = reader;
    this.prefix = prefix;
  }

  /**
   * The section under {@code name}: {@code providers} of {@code dialbridge.} is {@code
   * dialbridge.providers.}.
   */
  Section section(String name) {
    return new Section(reader, key(name + "."));
  }

  /** The full key of a short one, for messages. */
  String key(String name) {
    return prefix + name;
  }

  Optional<String> text(String name) {
    return reader.take(key(name));
  }

  /**
   * A comma-separated list, each item stripped, empty items dropped; empty when the key is absent.
   */
  Optional<List<String>> list(String name) {
    return text(name)
        .map(
            v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
  }

  /** {@code true}/{@code yes}/{@code on} or {@code false}/{@code no}/{@code off}. */
  boolean bool(String name, boolean defaultValue) {
    Optional<String> v = text(name);
    if (v.isEmpty()) return defaultValue;
    return switch (v.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> {
        problem(name, "must be true or false, was '" + v.get() + "'");
        yield defaultValue;
      }
    };
  }

  /** A duration as {@link Durations} reads it, not negative. */
  Duration duration(String name, Duration defaultValue) {
    Optional<String> v = text(name);
    if (v.isEmpty()) return defaultValue;
    try {
      Duration d = Durations.parse(v.get());
      if (d.isNegative()) throw new IllegalArgumentException("must not be negative");
      return d;
    } catch (IllegalArgumentException e) {
      problem(name, e.getMessage());
      return defaultValue;
    }
  }

  /** {@code value}, given under {@code name}, as an http(s) URL with a host. */
  Optional<URI> httpUri(String name, String value) {
    String shown = "'" + ProviderConfig.displayValue(key(name), value) + "'";
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        problem(name, shown + " is not an http(s) URL");
        return Optional.empty();
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      problem(name, shown + " is not a URL");
      return Optional.empty();
    }
  }

  /**
   * The keys present under this section, by short name, in key order; reading them is up to the
   * caller.
   */
  Map<String, String> entries() {
    Map<String, String> entries = new LinkedHashMap<>();
    reader.under(prefix).forEach((k, v) -> entries.put(k.substring(prefix.length()), v));
    return entries;
  }

  /** Marks a key present under this section as read. */
  void consume(String name) {
    reader.consume(key(name));
  }

  /** Marks every key under this section as read, for a section already reported as a whole. */
  void consumeAll() {
    entries().keySet().forEach(this::consume);
  }

  void problem(String name, String problem) {
    reader.problem(key(name), problem);
  }

  /**
   * A problem of the section as a whole, reported under its own name ({@code
   * dialbridge.providers}).
   */
  void sectionProblem(String problem) {
    reader.problem(prefix.substring(0, prefix.length() - 1), problem);
  }
}
