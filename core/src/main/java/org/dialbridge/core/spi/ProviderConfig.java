package org.dialbridge.core.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.dialbridge.core.error.ConfigException;

/**
 * One configured provider as its adapter sees it: {@code dialbridge.providers.<name>.*} with the
 * common keys typed and the provider's own keys by their short name ({@code token}, {@code
 * originate-extra.source}). Errors name the full key. {@link #toString()} masks secrets.
 */
public final class ProviderConfig {
  /** How long connecting to a provider may take, unless configured otherwise. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** How long a provider may take to answer, unless configured otherwise. */
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);

  /** The limit on one request, retries included, unless configured otherwise. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(12);

  private static final Set<String> SECRET_WORDS =
      Set.of("token", "secret", "password", "auth-value");

  private final String name;
  private final String type;
  private final URI baseUri;
  private final Duration connectTimeout;
  private final Duration responseTimeout;
  private final Duration deadline;
  private final Map<String, String> properties;

  public ProviderConfig(
      String name,
      String type,
      URI baseUri,
      Duration connectTimeout,
      Duration responseTimeout,
      Duration deadline,
      Map<String, String> properties) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.type = Objects.requireNonNull(type, "type == null");
    this.baseUri = Objects.requireNonNull(baseUri, "baseUri == null");
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout == null");
    this.responseTimeout = Objects.requireNonNull(responseTimeout, "responseTimeout == null");
    this.deadline = Objects.requireNonNull(deadline, "deadline == null");
    this.properties =
        Collections.unmodifiableMap(new TreeMap<>(properties == null ? Map.of() : properties));
  }

  /**
   * A provider config with the default timeouts ({@link #DEFAULT_CONNECT_TIMEOUT} and the two after
   * it).
   */
  public static ProviderConfig of(
      String name, String type, URI baseUri, Map<String, String> properties) {
    return new ProviderConfig(
        name,
        type,
        baseUri,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_RESPONSE_TIMEOUT,
        DEFAULT_DEADLINE,
        properties);
  }

  /** The configured name ({@code dialbridge.providers.<name>}), which calls and webhooks use. */
  public String name() {
    return name;
  }

  public String type() {
    return type;
  }

  public URI baseUri() {
    return baseUri;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration responseTimeout() {
    return responseTimeout;
  }

  /** The hard limit on one request, retries included. */
  public Duration deadline() {
    return deadline;
  }

  /** The provider-specific keys, by short name. */
  public Map<String, String> properties() {
    return properties;
  }

  /** The full configuration key of a short provider key, for messages. */
  public String key(String shortKey) {
    return "dialbridge.providers." + name + "." + shortKey;
  }

  public Optional<String> get(String key) {
    String value = properties.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  public String get(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  /** A required key's value. @throws ConfigException naming the key when it is missing */
  public String require(String key) {
    return get(key)
        .orElseThrow(
            () -> new ConfigException(key(key), "required for type " + type + " but missing"));
  }

  public Optional<Secret> secret(String key) {
    return get(key).map(Secret::of);
  }

  public Secret requireSecret(String key) {
    return Secret.of(require(key));
  }

  public int getInt(String key, int defaultValue, int min, int max) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) return defaultValue;
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) throw new NumberFormatException();
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          key(key),
          "must be a whole number from " + min + " to " + max + ", was '" + raw.get() + "'");
    }
  }

  /** The keys under {@code prefix} (without it), e.g. {@code originate-extra.}. */
  public Map<String, String> withPrefix(String prefix) {
    return properties.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix) && e.getKey().length() > prefix.length())
        .collect(
            Collectors.toUnmodifiableMap(
                e -> e.getKey().substring(prefix.length()), Map.Entry::getValue));
  }

  /** True for keys whose values are secrets and must never be shown. */
  public static boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(k::endsWith);
  }

  /** A value as it may appear in logs: secrets masked, credentials in URLs removed. */
  public static String displayValue(String key, String value) {
    if (value == null) return "null";
    if (isSecretKey(key)) return "****";
    return value.replaceAll("(?i)(https?://)[^/@\\s]*@", "$1****@");
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("ProviderConfig[")
            .append(name)
            .append(" type=")
            .append(type)
            .append(" base-url=")
            .append(displayValue("base-url", baseUri.toString()));
    properties.forEach((k, v) -> sb.append(' ').append(k).append('=').append(displayValue(k, v)));
    return sb.append(']').toString();
  }
}
