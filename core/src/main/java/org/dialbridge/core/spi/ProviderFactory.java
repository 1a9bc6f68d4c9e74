package org.dialbridge.core.spi;

import java.util.Optional;
import java.util.Set;

/**
 * Creates the adapter of one provider type from its configuration. Dialbridge's five are built in;
 * others are found by {@link java.util.ServiceLoader} under {@code
 * META-INF/services/org.dialbridge.core.spi.ProviderFactory}.
 */
public interface ProviderFactory {

  /**
   * The value of {@code dialbridge.providers.<name>.type} this factory answers to, e.g. {@code c3}.
   */
  String type();

  /**
   * The provider-specific keys this type reads, by short name; a name ending in {@code .} stands
   * for a family ({@code originate-extra.}). Any other key is refused at start-up as unknown. A key
   * every provider has ({@code webhook-basic-user}) that is declared here as well is also passed to
   * the adapter (Bandwidth v2 tells its provider the credentials to call back with).
   */
  Set<String> keys();

  /**
   * The API's URL when {@code base-url} is not configured (a provider with one public endpoint,
   * such as Bandwidth v2's); empty (the default) makes {@code base-url} required.
   */
  default Optional<String> defaultBaseUrl() {
    return Optional.empty();
  }

  /**
   * How this type's hang-up causes map to Dialbridge's, as documented for operators; empty for a
   * type whose events carry no cause of their own (C3's arrive in the generic format, whose table
   * is {@link org.dialbridge.core.provider.support.GenericEvents#CAUSES}).
   */
  default Optional<CauseTable> causes() {
    return Optional.empty();
  }

  /**
   * An adapter for {@code config}.
   *
   * @throws org.dialbridge.core.error.ConfigException naming the key when a value is missing or bad
   */
  TelephonyProvider create(ProviderConfig config, ProviderContext context);
}
