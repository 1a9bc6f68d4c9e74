package org.dialbridge.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderFactory;

/**
 * One configured provider: what its adapter reads, how its webhooks authenticate, and the name
 * people see for it ({@code label}; by default the product's own spelling, e.g. {@code uContact}).
 */
public record ProviderSettings(ProviderConfig config, WebhookAuth webhookAuth, String label) {
  private static final Map<String, String> LABELS_BY_TYPE =
      Map.of(
          "c3",
          "C3",
          "bemmelhor",
          "BemMelhor",
          "bandwidth",
          "Bandwidth",
          "bandwidth-v2",
          "Bandwidth",
          "ucontact",
          "uContact");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

  private static final String TYPE = "type";
  private static final String BASE_URL = "base-url";
  private static final String CONNECT_TIMEOUT = "connect-timeout";
  private static final String RESPONSE_TIMEOUT = "response-timeout";
  private static final String DEADLINE = "deadline";
  private static final String LABEL = "label";

  /** The keys every provider's section may have, read here rather than by the adapter. */
  private static final Set<String> COMMON_KEYS =
      Stream.concat(
              Stream.of(TYPE, BASE_URL, CONNECT_TIMEOUT, RESPONSE_TIMEOUT, DEADLINE, LABEL),
              WebhookAuth.KEYS.stream())
          .collect(Collectors.toUnmodifiableSet());

  public ProviderSettings {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(webhookAuth, "webhookAuth == null");
    if (label == null || label.isBlank())
      label = LABELS_BY_TYPE.getOrDefault(config.type(), config.name());
  }

  public String name() {
    return config.name();
  }

  /**
   * Reads every {@code dialbridge.providers.<name>.*} section, by name; at least one is required.
   */
  static Map<String, ProviderSettings> readAll(Section providers, ProviderTypes types) {
    Map<String, ProviderSettings> read = new LinkedHashMap<>();
    Set<String> names = names(providers);
    if (names.isEmpty()) {
      providers.sectionProblem(
          "no provider configured; add " + providers.key("<name>." + TYPE) + " and ." + BASE_URL);
    }
    for (String name : names) {
      Section provider = providers.section(name);
      if (NAME.matcher(name).matches()) {
        read(name, provider, types).ifPresent(settings -> read.put(name, settings));
      } else {
        provider.problem(
            TYPE, "provider name '" + name + "' must be lower-case letters, digits, - or _");
        provider.consumeAll();
      }
    }
    return read;
  }

  /** The names the keys under {@code providers} use, in key order. */
  private static Set<String> names(Section providers) {
    Set<String> names = new LinkedHashSet<>();
    for (String key : providers.entries().keySet()) {
      int dot = key.indexOf('.');
      if (dot > 0) names.add(key.substring(0, dot));
    }
    return names;
  }

  /** One provider's section; empty when its type or base URL is missing or bad (reported). */
  private static Optional<ProviderSettings> read(
      String name, Section provider, ProviderTypes types) {
    Optional<String> type = provider.text(TYPE);
    Optional<ProviderFactory> factory = type.flatMap(types::find);
    if (type.isEmpty()) provider.problem(TYPE, types.missingTypeProblem());
    else if (factory.isEmpty())
      provider.problem(TYPE, "unknown provider type '" + type.get() + "'");
    Optional<String> baseUrl =
        provider.text(BASE_URL).or(() -> factory.flatMap(ProviderFactory::defaultBaseUrl));
    Optional<URI> baseUri = baseUrl.flatMap(u -> provider.httpUri(BASE_URL, u));
    if (baseUrl.isEmpty()) provider.problem(BASE_URL, "missing");
    Duration connect = provider.duration(CONNECT_TIMEOUT, ProviderConfig.DEFAULT_CONNECT_TIMEOUT);
    Duration response =
        provider.duration(RESPONSE_TIMEOUT, ProviderConfig.DEFAULT_RESPONSE_TIMEOUT);
    Duration deadline = provider.duration(DEADLINE, ProviderConfig.DEFAULT_DEADLINE);
    if (deadline.compareTo(connect) < 0)
      provider.problem(DEADLINE, "must not be shorter than " + CONNECT_TIMEOUT);
    WebhookAuth auth = WebhookAuth.read(provider);
    Map<String, String> own = adapterKeys(provider, factory);
    if (factory.isEmpty() || baseUri.isEmpty()) return Optional.empty();
    ProviderConfig config =
        new ProviderConfig(
            name, factory.get().type(), baseUri.get(), connect, response, deadline, own);
    return Optional.of(new ProviderSettings(config, auth, provider.text(LABEL).orElse(null)));
  }

  /**
   * The keys of the section that are the adapter's own, by short name, each marked as read when the
   * factory declares it; with no factory (already reported) every key passes.
   */
  private static Map<String, String> adapterKeys(
      Section provider, Optional<ProviderFactory> factory) {
    Set<String> declared = factory.map(ProviderFactory::keys).orElse(Set.of());
    Map<String, String> own = new TreeMap<>();
    provider
        .entries()
        .forEach(
            (key, value) -> {
              if (COMMON_KEYS.contains(key)) {
                // read here; the adapter sees it too when it declares it
                if (declared.contains(key)) own.put(key, value);
                return;
              }
              if (factory.isPresent() && !isDeclared(key, declared)) return;
              provider.consume(key);
              own.put(key, value);
            });
    return own;
  }

  /** True when {@code key} is declared, itself or as one of a family ({@code originate-extra.}). */
  private static boolean isDeclared(String key, Set<String> declared) {
    return declared.contains(key)
        || declared.stream()
            .anyMatch(k -> k.endsWith(".") && key.startsWith(k) && key.length() > k.length());
  }
}
