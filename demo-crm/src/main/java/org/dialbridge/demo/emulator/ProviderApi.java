package org.dialbridge.demo.emulator;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** One provider family's HTTP API, mounted under its {@link ProviderSettings.Type#prefix()}. */
interface ProviderApi {

  /** Answers one request; must not block on anything but the request itself. */
  Reply handle(ApiRequest request);

  /**
   * Forgets the calls that ended before {@code cutoff}, so that a long run does not grow without
   * bound.
   */
  void forgetCallsEndedBefore(Instant cutoff);

  /**
   * Rings an agent with an inbound call, telling Dialbridge of it as this provider does.
   *
   * @param base the family's base URL, as its API is addressed
   * @return the provider's id of the caller's call; empty when the provider reports no inbound
   *     calls
   */
  default Optional<String> ring(Ring ring, URI base) {
    return Optional.empty();
  }
}
