package org.dialbridge.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.phone.NumberType;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderFactory;
import org.dialbridge.core.spi.Secret;

/**
 * Dialbridge's configuration (every key: docs/configuration.md), read from flat {@code dialbridge.*} properties and checked
 * whole before anything starts: an unknown key, a missing required key or a bad value is reported
 * with its key, every problem at once. {@code ${env:NAME}} (or {@code ${env:NAME:-default}}) in a
 * value reads an environment variable, for secrets; {@code ${sys:name}} a Java system property. Immutable; {@link #toString()} shows no secret.
 */
public final class DialbridgeConfig {
  public static final String PREFIX = "dialbridge.";

  private static final Pattern ENV = Pattern.compile("\\$\\{(env|sys):([A-Za-z_][A-Za-z0-9_.-]*)(?::-([^}]*))?}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
  private static final Pattern USER = Pattern.compile("\\S{1,128}");

  private static final Set<String> TOP_KEYS = Set.of(
      "enabled", "default-provider", "default-region", "api-path", "webhook-path",
      "dial.allowed-regions", "dial.rate-limit", "dial.blocked-types", "dial.allow-extensions", "dial.one-live-call",
      "store.jdbc-url", "store.user", "store.password", "store.driver-class", "store.pool-size",
      "store.connection-timeout", "store.jndi-name", "store.stuck-after", "store.reconcile-every",
      "security.allowed-origins", "security.admin-role", "security.history");
  private static final Set<String> PROVIDER_COMMON_KEYS = Set.of(
      "type", "base-url", "connect-timeout", "response-timeout", "deadline",
      "webhook-token", "webhook-basic-user", "webhook-basic-password", "webhook-hmac-secret", "webhook-hmac-tolerance",
      "label");
  private static final Set<String> AGENT_KEYS = Set.of("extension", "provider", "provider-user", "name");

  private final boolean enabled;
  private final String defaultProvider;
  private final String defaultRegion;
  private final String apiPath;
  private final String webhookPath;
  private final DialPolicy dialPolicy;
  private final Map<String, ProviderSettings> providers;
  private final Map<String, AgentSettings> agents;
  private final StoreSettings store;
  private final SecuritySettings security;

  private DialbridgeConfig(Reader r) {
    this.enabled = r.enabled;
    this.defaultProvider = r.defaultProvider;
    this.defaultRegion = r.defaultRegion;
    this.apiPath = r.apiPath;
    this.webhookPath = r.webhookPath;
    this.dialPolicy = r.dialPolicy;
    this.providers = Collections.unmodifiableMap(r.providers);
    this.agents = Collections.unmodifiableMap(r.agents);
    this.store = r.store;
    this.security = r.security;
  }

  /**
   * Reads and checks {@code properties}; keys outside {@code dialbridge.} are ignored.
   *
   * @param env the environment {@code ${env:NAME}} reads (usually {@code System.getenv()})
   * @param factories the provider factory of a type, to check each provider's own keys
   * @throws ConfigException listing every bad or missing key
   */
  public static DialbridgeConfig parse(
      Map<String, String> properties, Map<String, String> env, Function<String, Optional<ProviderFactory>> factories) {
    Reader reader = new Reader(properties, env, factories);
    reader.read();
    if (!reader.problems.isEmpty()) throw ConfigException.combine(reader.problems);
    return new DialbridgeConfig(reader);
  }

  /** False when {@code dialbridge.enabled=false}: the host opted out, nothing is mounted. */
  public boolean enabled() {
    return enabled;
  }

  public String defaultProvider() {
    return defaultProvider;
  }

  /** The region local numbers are read in, or null when every number needs its country code. */
  public String defaultRegion() {
    return defaultRegion;
  }

  public String apiPath() {
    return apiPath;
  }

  public String webhookPath() {
    return webhookPath;
  }

  public DialPolicy dialPolicy() {
    return dialPolicy;
  }

  /** The configured providers by name, in configuration order. */
  public Map<String, ProviderSettings> providers() {
    return providers;
  }

  /** The agents configured under {@code dialbridge.agents.*}, by CRM user. */
  public Map<String, AgentSettings> agents() {
    return agents;
  }

  public StoreSettings store() {
    return store;
  }

  public SecuritySettings security() {
    return security;
  }

  @Override
  public String toString() {
    return "DialbridgeConfig[defaultProvider=" + defaultProvider + ", defaultRegion=" + defaultRegion
        + ", providers=" + providers.values().stream().map(p -> p.config() + " " + p.webhookAuth()).toList()
        + ", agents=" + agents.keySet() + ", store=" + store + ", dial=" + dialPolicy + "]";
  }

  /** One pass over the properties, collecting problems instead of stopping at the first. */
  private static final class Reader {
    private final Map<String, String> raw = new TreeMap<>();
    private final Map<String, String> env;
    private final Function<String, Optional<ProviderFactory>> factories;
    private final List<ConfigException> problems = new ArrayList<>();
    private final Set<String> known = new TreeSet<>();

    boolean enabled;
    String defaultProvider;
    String defaultRegion;
    String apiPath;
    String webhookPath;
    DialPolicy dialPolicy;
    final Map<String, ProviderSettings> providers = new LinkedHashMap<>();
    final Map<String, AgentSettings> agents = new LinkedHashMap<>();
    StoreSettings store;
    SecuritySettings security;

    Reader(Map<String, String> properties, Map<String, String> env, Function<String, Optional<ProviderFactory>> factories) {
      properties.forEach((k, v) -> {
        if (k != null && k.startsWith(PREFIX) && !k.equals("dialbridge.config")) raw.put(k.strip(), v);
      });
      this.env = env;
      this.factories = factories;
    }

    void read() {
      raw.replaceAll(this::resolveEnv);
      enabled = bool("dialbridge.enabled", true);
      defaultRegion = opt("dialbridge.default-region").map(String::toUpperCase).orElse(null);
      if (defaultRegion != null && !PhoneNumbers.isKnownRegion(defaultRegion)) {
        problem("dialbridge.default-region", "'" + defaultRegion + "' is not an ISO 3166 region code (e.g. BR, PE, US)");
      }
      apiPath = path("dialbridge.api-path", "/dialbridge/api");
      webhookPath = path("dialbridge.webhook-path", "/dialbridge/webhooks");
      if (apiPath.equals(webhookPath)) problem("dialbridge.webhook-path", "must differ from dialbridge.api-path");
      readProviders();
      defaultProvider = opt("dialbridge.default-provider").orElse(providers.size() == 1 ? providers.keySet().iterator().next() : null);
      if (defaultProvider == null && !providers.isEmpty()) {
        problem("dialbridge.default-provider", "required when several providers are configured (" + providers.keySet() + ")");
      } else if (defaultProvider != null && !providers.isEmpty() && !providers.containsKey(defaultProvider)) {
        problem("dialbridge.default-provider", "'" + defaultProvider + "' is not a configured provider " + providers.keySet());
      }
      readAgents();
      readDialPolicy();
      readStore();
      readSecurity();
      for (String key : raw.keySet()) {
        if (!known.contains(key)) problem(key, "unknown key" + suggestion(key));
      }
    }

    private void readProviders() {
      Set<String> names = new LinkedHashSet<>();
      for (String key : raw.keySet()) {
        if (key.startsWith("dialbridge.providers.")) {
          String rest = key.substring("dialbridge.providers.".length());
          int dot = rest.indexOf('.');
          if (dot > 0) names.add(rest.substring(0, dot));
        }
      }
      if (names.isEmpty()) {
        problem("dialbridge.providers", "no provider configured; add dialbridge.providers.<name>.type and .base-url");
        return;
      }
      for (String name : names) {
        String prefix = "dialbridge.providers." + name + ".";
        if (!NAME.matcher(name).matches()) {
          problem(prefix + "type", "provider name '" + name + "' must be lower-case letters, digits, - or _");
          raw.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(known::add);
          continue;
        }
        Optional<String> type = opt(prefix + "type");
        Optional<ProviderFactory> factory = type.flatMap(t -> factories.apply(t.toLowerCase(Locale.ROOT)));
        if (type.isEmpty()) problem(prefix + "type", "missing (one of c3, bemmelhor, bandwidth, ucontact)");
        else if (factory.isEmpty()) problem(prefix + "type", "unknown provider type '" + type.get() + "'");
        Optional<URI> baseUri = opt(prefix + "base-url").flatMap(u -> httpUri(prefix + "base-url", u));
        if (opt(prefix + "base-url").isEmpty()) problem(prefix + "base-url", "missing");
        Duration connect = duration(prefix + "connect-timeout", Duration.ofSeconds(2));
        Duration response = duration(prefix + "response-timeout", Duration.ofSeconds(10));
        Duration deadline = duration(prefix + "deadline", Duration.ofSeconds(12));
        if (deadline.compareTo(connect) < 0) problem(prefix + "deadline", "must not be shorter than connect-timeout");
        WebhookAuth auth = webhookAuth(prefix);

        Map<String, String> own = new TreeMap<>();
        Set<String> ownKeys = factory.map(ProviderFactory::keys).orElse(Set.of());
        for (Map.Entry<String, String> e : raw.entrySet()) {
          if (!e.getKey().startsWith(prefix)) continue;
          String shortKey = e.getKey().substring(prefix.length());
          if (PROVIDER_COMMON_KEYS.contains(shortKey)) continue;
          boolean accepted = ownKeys.contains(shortKey)
              || ownKeys.stream().anyMatch(k -> k.endsWith(".") && shortKey.startsWith(k) && shortKey.length() > k.length());
          if (accepted || factory.isEmpty()) {
            known.add(e.getKey());
            own.put(shortKey, e.getValue());
          }
        }
        if (factory.isPresent() && baseUri.isPresent()) {
          ProviderConfig config = new ProviderConfig(name, factory.get().type(), baseUri.get(), connect, response, deadline, own);
          providers.put(name, new ProviderSettings(config, auth, opt(prefix + "label").orElse(null)));
        }
      }
    }

    private WebhookAuth webhookAuth(String prefix) {
      Secret token = opt(prefix + "webhook-token").map(Secret::of).orElse(null);
      String user = opt(prefix + "webhook-basic-user").orElse(null);
      Secret password = opt(prefix + "webhook-basic-password").map(Secret::of).orElse(null);
      if ((user == null) != (password == null)) {
        problem(prefix + (user == null ? "webhook-basic-user" : "webhook-basic-password"),
            "webhook-basic-user and webhook-basic-password go together");
        user = null;
        password = null;
      }
      List<Secret> hmac = opt(prefix + "webhook-hmac-secret").map(v -> Arrays.stream(v.split(","))
          .map(String::strip).filter(s -> !s.isEmpty()).map(Secret::of).toList()).orElse(List.of());
      Duration tolerance = duration(prefix + "webhook-hmac-tolerance", WebhookAuth.DEFAULT_TOLERANCE);
      if (tolerance.isZero()) {
        problem(prefix + "webhook-hmac-tolerance", "0 would refuse every signature; use e.g. 300s");
        tolerance = WebhookAuth.DEFAULT_TOLERANCE;
      }
      return new WebhookAuth(token, user, password, hmac, tolerance);
    }

    private void readAgents() {
      Map<String, Map<String, String>> byUser = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : raw.entrySet()) {
        if (!e.getKey().startsWith("dialbridge.agents.")) continue;
        String rest = e.getKey().substring("dialbridge.agents.".length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0) continue;
        String field = rest.substring(dot + 1);
        if (!AGENT_KEYS.contains(field)) continue;
        known.add(e.getKey());
        byUser.computeIfAbsent(rest.substring(0, dot), u -> new TreeMap<>()).put(field, e.getValue());
      }
      byUser.forEach((user, fields) -> {
        String prefix = "dialbridge.agents." + user + ".";
        if (!USER.matcher(user).matches()) {
          problem(prefix + "extension", "'" + user + "' is not a user name");
          return;
        }
        String extension = fields.get("extension");
        if (extension == null || extension.isBlank()) {
          problem(prefix + "extension", "missing");
          return;
        }
        String provider = Optional.ofNullable(fields.get("provider")).map(String::strip).orElse(defaultProvider);
        if (provider == null || (!providers.isEmpty() && !providers.containsKey(provider))) {
          problem(prefix + "provider", "'" + provider + "' is not a configured provider " + providers.keySet());
          return;
        }
        agents.put(user, new AgentSettings(user, extension.strip(), provider, fields.get("provider-user"), fields.get("name")));
      });
    }

    private void readDialPolicy() {
      Set<String> regions = new TreeSet<>();
      Optional<String> allowed = opt("dialbridge.dial.allowed-regions");
      if (allowed.isPresent()) {
        for (String r : allowed.get().split(",")) {
          String region = r.strip().toUpperCase(Locale.ROOT);
          if (region.isEmpty()) continue;
          if (!PhoneNumbers.isKnownRegion(region)) {
            problem("dialbridge.dial.allowed-regions", "'" + region + "' is not an ISO 3166 region code");
          }
          regions.add(region);
        }
      } else if (defaultRegion != null) {
        regions.add(defaultRegion);
      }
      if (regions.isEmpty()) {
        problem("dialbridge.dial.allowed-regions", "missing: list the regions agents may dial (e.g. BR,PE,US)");
      }
      Set<NumberType> blocked = EnumSet.noneOf(NumberType.class);
      Optional<String> blockedRaw = opt("dialbridge.dial.blocked-types");
      if (blockedRaw.isPresent()) {
        for (String t : blockedRaw.get().split(",")) {
          if (t.isBlank()) continue;
          try {
            blocked.add(NumberType.valueOf(t.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
          } catch (IllegalArgumentException e) {
            problem("dialbridge.dial.blocked-types", "'" + t.strip() + "' is not a number type " + Arrays.toString(NumberType.values()));
          }
        }
      } else {
        blocked.addAll(DialPolicy.DEFAULT_BLOCKED);
      }
      blocked.add(NumberType.EMERGENCY);
      RateLimit limit = new RateLimit(10, Duration.ofMinutes(1));
      Optional<String> rate = opt("dialbridge.dial.rate-limit");
      if (rate.isPresent()) {
        try {
          limit = RateLimit.parse(rate.get());
        } catch (IllegalArgumentException e) {
          problem("dialbridge.dial.rate-limit", e.getMessage());
        }
      }
      dialPolicy = new DialPolicy(regions, blocked, bool("dialbridge.dial.allow-extensions", true), limit,
          bool("dialbridge.dial.one-live-call", true));
    }

    private void readStore() {
      String url = opt("dialbridge.store.jdbc-url").orElse(null);
      String jndi = opt("dialbridge.store.jndi-name").orElse(null);
      if (url != null && jndi != null) {
        problem("dialbridge.store.jndi-name", "set either dialbridge.store.jdbc-url or dialbridge.store.jndi-name, not both");
      }
      if (url != null && !url.startsWith("jdbc:")) problem("dialbridge.store.jdbc-url", "'" + url + "' is not a JDBC URL");
      if (url == null && jndi == null) url = StoreSettings.DEFAULT_JDBC_URL;
      Duration stuck = duration("dialbridge.store.stuck-after", Duration.ofHours(2));
      Duration every = duration("dialbridge.store.reconcile-every", Duration.ofMinutes(1));
      store = new StoreSettings(url, opt("dialbridge.store.user").orElse(null),
          opt("dialbridge.store.password").map(Secret::of).orElse(null), opt("dialbridge.store.driver-class").orElse(null),
          poolSize(), connectionTimeout(), jndi, stuck, every);
    }

    private int poolSize() {
      Optional<String> v = opt("dialbridge.store.pool-size");
      if (v.isEmpty()) return StoreSettings.DEFAULT_POOL_SIZE;
      try {
        int size = Integer.parseInt(v.get());
        if (size >= 1 && size <= 200) return size;
      } catch (NumberFormatException e) {
        // reported below
      }
      problem("dialbridge.store.pool-size", "must be a number of connections from 1 to 200, was '" + v.get() + "'");
      return StoreSettings.DEFAULT_POOL_SIZE;
    }

    private Duration connectionTimeout() {
      Duration timeout = duration("dialbridge.store.connection-timeout", StoreSettings.DEFAULT_CONNECTION_TIMEOUT);
      if (timeout.compareTo(StoreSettings.MIN_CONNECTION_TIMEOUT) >= 0) return timeout;
      problem("dialbridge.store.connection-timeout", "must be at least 250ms, was " + Durations.format(timeout));
      return StoreSettings.DEFAULT_CONNECTION_TIMEOUT;
    }

    private void readSecurity() {
      List<String> origins = new ArrayList<>();
      opt("dialbridge.security.allowed-origins").ifPresent(v -> {
        for (String o : v.split(",")) {
          String origin = o.strip();
          if (origin.isEmpty()) continue;
          if (origin.equals("*")) {
            problem("dialbridge.security.allowed-origins", "'*' is not allowed: list the CRM's origins");
            continue;
          }
          Optional<URI> uri = httpUri("dialbridge.security.allowed-origins", origin);
          if (uri.isPresent() && (uri.get().getPath() != null && !uri.get().getPath().isEmpty())) {
            problem("dialbridge.security.allowed-origins", "'" + origin + "' is not an origin (scheme://host[:port], no path)");
          }
          origins.add(origin.toLowerCase(Locale.ROOT));
        }
      });
      String history = opt("dialbridge.security.history").orElse("all").toUpperCase(Locale.ROOT);
      SecuritySettings.HistoryScope scope = SecuritySettings.HistoryScope.ALL;
      try {
        scope = SecuritySettings.HistoryScope.valueOf(history);
      } catch (IllegalArgumentException e) {
        problem("dialbridge.security.history", "must be all or own, was '" + history.toLowerCase(Locale.ROOT) + "'");
      }
      security = new SecuritySettings(origins, opt("dialbridge.security.admin-role").orElse("dialbridge-admin"), scope);
    }

    private String resolveEnv(String key, String value) {
      if (value == null) return null;
      Matcher m = ENV.matcher(value);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        boolean fromEnv = m.group(1).equals("env");
        String v = fromEnv ? env.get(m.group(2)) : System.getProperty(m.group(2));
        if (v == null) v = m.group(3);
        if (v == null) {
          problem(key, "refers to " + (fromEnv ? "environment variable " : "system property ") + m.group(2) + ", which is not set");
          v = "";
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(v));
      }
      m.appendTail(sb);
      return sb.toString();
    }

    private Optional<String> opt(String key) {
      known.add(key);
      String v = raw.get(key);
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private boolean bool(String key, boolean defaultValue) {
      Optional<String> v = opt(key);
      if (v.isEmpty()) return defaultValue;
      return switch (v.get().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on" -> true;
        case "false", "no", "off" -> false;
        default -> {
          problem(key, "must be true or false, was '" + v.get() + "'");
          yield defaultValue;
        }
      };
    }

    private Duration duration(String key, Duration defaultValue) {
      Optional<String> v = opt(key);
      if (v.isEmpty()) return defaultValue;
      try {
        Duration d = Durations.parse(v.get());
        if (d.isNegative()) throw new IllegalArgumentException("must not be negative");
        return d;
      } catch (IllegalArgumentException e) {
        problem(key, e.getMessage());
        return defaultValue;
      }
    }

    private String path(String key, String defaultValue) {
      String p = opt(key).orElse(defaultValue);
      if (!p.startsWith("/") || p.endsWith("/") || p.contains("*") || p.contains("?") || p.contains(" ")) {
        problem(key, "must be a path like " + defaultValue + " (leading /, no trailing /, no wildcards)");
        return defaultValue;
      }
      return p;
    }

    private Optional<URI> httpUri(String key, String value) {
      try {
        URI uri = new URI(value);
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
            || uri.getHost() == null) {
          problem(key, "'" + ProviderConfig.displayValue(key, value) + "' is not an http(s) URL");
          return Optional.empty();
        }
        return Optional.of(uri);
      } catch (URISyntaxException e) {
        problem(key, "'" + ProviderConfig.displayValue(key, value) + "' is not a URL");
        return Optional.empty();
      }
    }

    private void problem(String key, String problem) {
      problems.add(new ConfigException(key, problem));
    }

    private String suggestion(String key) {
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      Set<String> candidates = new TreeSet<>(known);
      TOP_KEYS.forEach(k -> candidates.add(PREFIX + k));
      for (String candidate : candidates) {
        int d = distance(key, candidate);
        if (d < bestDistance) {
          bestDistance = d;
          best = candidate;
        }
      }
      return best != null && bestDistance <= 3 ? " (did you mean " + best + "?)" : "";
    }

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
}
