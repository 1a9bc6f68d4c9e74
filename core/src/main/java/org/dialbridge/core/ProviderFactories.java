package org.dialbridge.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.dialbridge.core.provider.bandwidth.BandwidthProviderFactory;
import org.dialbridge.core.provider.bandwidthv2.BandwidthV2ProviderFactory;
import org.dialbridge.core.provider.bemmelhor.BemMelhorProviderFactory;
import org.dialbridge.core.provider.c3.C3ProviderFactory;
import org.dialbridge.core.provider.ucontact.UContactProviderFactory;
import org.dialbridge.core.spi.ProviderFactory;

/**
 * The provider types Dialbridge knows: its five built in, then any found by {@link ServiceLoader}
 * (a built-in type cannot be replaced by discovery; register explicitly to do that).
 */
public final class ProviderFactories {
  private final Map<String, ProviderFactory> byType;

  private ProviderFactories(Map<String, ProviderFactory> byType) {
    this.byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
  }

  /** The built-in types plus those on the class path. */
  public static ProviderFactories discover(ClassLoader loader) {
    Map<String, ProviderFactory> types = new LinkedHashMap<>();
    for (ProviderFactory f : builtIn()) types.put(f.type(), f);
    for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class, loader)) {
      types.putIfAbsent(f.type().toLowerCase(Locale.ROOT), f);
    }
    return new ProviderFactories(types);
  }

  /** Exactly the given factories (tests, or a host that wants full control). */
  public static ProviderFactories of(List<ProviderFactory> factories) {
    Map<String, ProviderFactory> types = new LinkedHashMap<>();
    for (ProviderFactory f : factories) types.put(f.type().toLowerCase(Locale.ROOT), f);
    return new ProviderFactories(types);
  }

  static List<ProviderFactory> builtIn() {
    return List.of(
        new C3ProviderFactory(),
        new BemMelhorProviderFactory(),
        new BandwidthProviderFactory(),
        new BandwidthV2ProviderFactory(),
        new UContactProviderFactory());
  }

  /**
   * Every known type's factory: the built-in ones first, in a stable order (messages list them).
   */
  public List<ProviderFactory> all() {
    return List.copyOf(byType.values());
  }

  /** The factory of {@code type}, case-insensitive. */
  public Optional<ProviderFactory> find(String type) {
    return Optional.ofNullable(byType.get(type.toLowerCase(Locale.ROOT)));
  }
}
