package org.dialbridge.core.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.dialbridge.core.ProviderFactories;
import org.dialbridge.core.config.DialbridgeConfig;

/**
 * The {@code dialbridge.*} properties a test starts from, written once: {@code
 * TestConfig.region("PE").provider("c3", "c3", baseUrl).token("c3", "t").webhookToken("c3", "w")
 * .agent("ana", "6001").h2Store("errors").properties()}. Anything else goes through {@link #set}; a
 * test about one key keeps writing that key itself.
 */
public final class TestConfig {
  private final Map<String, String> properties = new LinkedHashMap<>();

  private TestConfig() {}

  /** Starts with {@code dialbridge.default-region}. */
  public static TestConfig region(String region) {
    return new TestConfig().set("dialbridge.default-region", region);
  }

  /** Starts empty. */
  public static TestConfig empty() {
    return new TestConfig();
  }

  /** {@code dialbridge.default-provider}. */
  public TestConfig defaultProvider(String name) {
    return set("dialbridge.default-provider", name);
  }

  /** {@code dialbridge.providers.<name>.type} and {@code .base-url}. */
  public TestConfig provider(String name, String type, String baseUrl) {
    return set("dialbridge.providers." + name + ".type", type)
        .providerKey(name, "base-url", baseUrl);
  }

  /** {@code dialbridge.providers.<name>.token}. */
  public TestConfig token(String provider, String token) {
    return providerKey(provider, "token", token);
  }

  /** {@code dialbridge.providers.<name>.webhook-token}. */
  public TestConfig webhookToken(String provider, String token) {
    return providerKey(provider, "webhook-token", token);
  }

  /** {@code dialbridge.providers.<name>.<key>}. */
  public TestConfig providerKey(String provider, String key, String value) {
    return set("dialbridge.providers." + provider + "." + key, value);
  }

  /** {@code dialbridge.agents.<user>.extension}. */
  public TestConfig agent(String user, String extension) {
    return set("dialbridge.agents." + user + ".extension", extension);
  }

  /** {@code dialbridge.agents.<user>.extension} and {@code .provider}. */
  public TestConfig agent(String user, String extension, String provider) {
    return agent(user, extension).set("dialbridge.agents." + user + ".provider", provider);
  }

  /** {@code dialbridge.store.jdbc-url}. */
  public TestConfig store(String jdbcUrl) {
    return set("dialbridge.store.jdbc-url", jdbcUrl);
  }

  /**
   * A fresh in-memory H2 store of its own, {@code jdbc:h2:mem:<prefix>-<uuid>;DB_CLOSE_DELAY=-1}.
   */
  public TestConfig h2Store(String prefix) {
    return store(h2Url(prefix));
  }

  /** A fresh in-memory H2 URL, kept for the life of the JVM. */
  public static String h2Url(String prefix) {
    return "jdbc:h2:mem:" + prefix + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  /** Any key, e.g. {@code set("dialbridge.dial.rate-limit", "100/1m")}. */
  public TestConfig set(String key, String value) {
    properties.put(key, value);
    return this;
  }

  /** All of {@code more}, replacing keys already set. */
  public TestConfig setAll(Map<String, String> more) {
    properties.putAll(more);
    return this;
  }

  /** A new, mutable map of the properties set so far, in the order they were set. */
  public Map<String, String> properties() {
    return new LinkedHashMap<>(properties);
  }

  /** The properties parsed with no environment and the provider types on this class path. */
  public DialbridgeConfig parse() {
    return parse(Map.of());
  }

  /** The properties parsed with {@code env} for {@code ${env:NAME}}. */
  public DialbridgeConfig parse(Map<String, String> env) {
    return DialbridgeConfig.parse(
        properties(), env, ProviderFactories.discover(TestConfig.class.getClassLoader()).all());
  }
}
