package org.dialbridge.core;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dialbridge.core.config.DialbridgeConfig;
import org.dialbridge.core.config.ProviderSettings;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.TelephonyProvider;

/**
 * The telephony providers of the configuration, created once, by name, in the configuration's
 * order.
 */
final class ConfiguredProviders implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ConfiguredProviders.class.getName());

  private final Map<String, TelephonyProvider> byName;
  private final Map<String, ProviderSettings> settings;

  private ConfiguredProviders(
      Map<String, TelephonyProvider> byName, Map<String, ProviderSettings> settings) {
    this.byName = Collections.unmodifiableMap(byName);
    this.settings = settings;
  }

  /** Creates every configured provider; when one fails, those created before it are closed. */
  static ConfiguredProviders create(
      DialbridgeConfig config, ProviderFactories factories, ProviderContext context) {
    Map<String, TelephonyProvider> created = new LinkedHashMap<>();
    try {
      for (ProviderSettings p : config.providers().values()) {
        created.put(
            p.name(), factories.find(p.config().type()).orElseThrow().create(p.config(), context));
      }
    } catch (RuntimeException e) {
      created.values().forEach(TelephonyProvider::close);
      throw e;
    }
    return new ConfiguredProviders(created, config.providers());
  }

  Optional<TelephonyProvider> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * @throws DialbridgeException {@code provider_not_found}
   */
  TelephonyProvider require(String name) {
    return find(name).orElseThrow(() -> notConfigured(ErrorCode.PROVIDER_NOT_FOUND, name));
  }

  /** The provider a call is placed through. @throws DialbridgeException {@code invalid_request} */
  TelephonyProvider requireToDialThrough(String name) {
    return find(name).orElseThrow(() -> notConfigured(ErrorCode.INVALID_REQUEST, name));
  }

  /** The name people see: {@code dialbridge.providers.<name>.label}, else the name itself. */
  String label(String name) {
    ProviderSettings p = settings.get(name);
    return p == null ? name : p.label();
  }

  ProviderDescription describe(String name) {
    TelephonyProvider p = require(name);
    return new ProviderDescription(p.name(), p.type(), label(p.name()), p.capabilities());
  }

  List<ProviderDescription> describeAll() {
    return byName.keySet().stream().map(this::describe).toList();
  }

  @Override
  public void close() {
    for (TelephonyProvider p : byName.values()) {
      try {
        p.close();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "closing provider " + p.name() + ": " + e);
      }
    }
  }

  private static DialbridgeException notConfigured(ErrorCode code, String name) {
    return new DialbridgeException(code, "No provider named " + name + " is configured.");
  }
}
