package org.dialbridge.core.config;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.spi.Disposition;
import org.dialbridge.core.spi.ProviderFactory;

/**
 * Dialbridge's configuration (every key: docs/configuration.md), read from flat {@code
 * dialbridge.*} properties and checked whole before anything starts: an unknown key, a missing
 * required key or a bad value is reported with its key, every problem at once. {@code ${env:NAME}}
 * (or {@code ${env:NAME:-default}}) in a value reads an environment variable, for secrets; {@code
 * ${sys:name}} a Java system property. Immutable; {@link #toString()} shows no secret.
 *
 * <p>This class reads the top-level keys; each section is read by its settings record ({@link
 * DialPolicy}, {@link StoreSettings}, {@link SecuritySettings}, {@link ProviderSettings}, {@link
 * AgentSettings}), which owns its keys and their defaults.
 */
public final class DialbridgeConfig {
  public static final String PREFIX = "dialbridge.";

  /** Where the REST API is mounted unless {@code dialbridge.api-path} says otherwise. */
  public static final String DEFAULT_API_PATH = "/dialbridge/api";

  /** Where providers' webhooks arrive unless {@code dialbridge.webhook-path} says otherwise. */
  public static final String DEFAULT_WEBHOOK_PATH = "/dialbridge/webhooks";

  private static final String ENABLED = "enabled";
  private static final String DEFAULT_PROVIDER = "default-provider";
  private static final String DEFAULT_REGION = "default-region";
  private static final String API_PATH = "api-path";
  private static final String WEBHOOK_PATH = "webhook-path";

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
  private final WrapUpSettings wrapUp;
  private final InboundSettings inbound;
  private final List<Disposition> dispositions;

  /**
   * Reads every section; problems go to {@code root}'s reader, which decides whether the result is
   * used.
   */
  private DialbridgeConfig(Section root, ProviderTypes types) {
    this.enabled = root.bool(ENABLED, true);
    this.defaultRegion = defaultRegion(root);
    this.apiPath = path(root, API_PATH, DEFAULT_API_PATH);
    this.webhookPath = path(root, WEBHOOK_PATH, DEFAULT_WEBHOOK_PATH);
    if (apiPath.equals(webhookPath))
      root.problem(WEBHOOK_PATH, "must differ from " + root.key(API_PATH));
    this.providers =
        Collections.unmodifiableMap(ProviderSettings.readAll(root.section("providers"), types));
    this.defaultProvider = defaultProvider(root, providers);
    this.agents =
        Collections.unmodifiableMap(
            AgentSettings.readAll(root.section("agents"), defaultProvider, providers.keySet()));
    this.dialPolicy = DialPolicy.read(root.section("dial"), defaultRegion);
    this.store = StoreSettings.read(root.section("store"));
    this.security = SecuritySettings.read(root.section("security"));
    this.wrapUp = WrapUpSettings.read(root.section("wrap-up"));
    this.inbound = InboundSettings.read(root.section("inbound"));
    this.dispositions = Dispositions.read(root.section("dispositions"));
  }

  /**
   * Reads and checks {@code properties}; keys outside {@code dialbridge.} are ignored.
   *
   * @param env the environment {@code ${env:NAME}} reads (usually {@code System.getenv()})
   * @param factories the provider types that may be configured, to check each provider's own keys
   *     and to list the types when one is missing
   * @throws ConfigException listing every bad or missing key
   */
  public static DialbridgeConfig parse(
      Map<String, String> properties,
      Map<String, String> env,
      Collection<? extends ProviderFactory> factories) {
    return read(new PropertyReader(properties, env), ProviderTypes.of(factories));
  }

  private static DialbridgeConfig read(PropertyReader reader, ProviderTypes types) {
    DialbridgeConfig config = new DialbridgeConfig(reader.root(), types);
    reader.finish();
    return config;
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

  /** {@code dialbridge.inbound.*}: routes, matching, the pop. */
  public InboundSettings inbound() {
    return inbound;
  }

  public WrapUpSettings wrapUp() {
    return wrapUp;
  }

  /** The configured disposition catalog ({@link Dispositions#DEFAULTS} unless configured). */
  public List<Disposition> dispositions() {
    return dispositions;
  }

  @Override
  public String toString() {
    return "DialbridgeConfig[defaultProvider="
        + defaultProvider
        + ", defaultRegion="
        + defaultRegion
        + ", providers="
        + providers.values().stream().map(p -> p.config() + " " + p.webhookAuth()).toList()
        + ", agents="
        + agents.keySet()
        + ", store="
        + store
        + ", dial="
        + dialPolicy
        + "]";
  }

  private static String defaultRegion(Section root) {
    String region = root.text(DEFAULT_REGION).map(String::toUpperCase).orElse(null);
    if (region != null && !PhoneNumbers.isKnownRegion(region)) {
      root.problem(
          DEFAULT_REGION, "'" + region + "' is not an ISO 3166 region code (e.g. BR, PE, US)");
    }
    return region;
  }

  /** A servlet path: leading {@code /}, no trailing {@code /}, no wildcards. */
  private static String path(Section root, String name, String defaultValue) {
    String p = root.text(name).orElse(defaultValue);
    if (!p.startsWith("/")
        || p.endsWith("/")
        || p.contains("*")
        || p.contains("?")
        || p.contains(" ")) {
      root.problem(
          name,
          "must be a path like " + defaultValue + " (leading /, no trailing /, no wildcards)");
      return defaultValue;
    }
    return p;
  }

  /**
   * The provider named by {@code default-provider}, or the only one; required when there are
   * several.
   */
  private static String defaultProvider(Section root, Map<String, ProviderSettings> providers) {
    String named =
        root.text(DEFAULT_PROVIDER)
            .orElse(providers.size() == 1 ? providers.keySet().iterator().next() : null);
    if (named == null && !providers.isEmpty()) {
      root.problem(
          DEFAULT_PROVIDER,
          "required when several providers are configured (" + providers.keySet() + ")");
    } else if (named != null && !providers.isEmpty() && !providers.containsKey(named)) {
      root.problem(
          DEFAULT_PROVIDER, "'" + named + "' is not a configured provider " + providers.keySet());
    }
    return named;
  }
}
