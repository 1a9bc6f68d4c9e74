package org.dialbridge.demo.emulator;

import java.time.Instant;

/** One provider family's HTTP API, mounted under its {@link ProviderSettings.Type#prefix()}. */
interface ProviderApi {

  /** Answers one request; must not block on anything but the request itself. */
  Reply handle(ApiRequest request);

  /**
   * Forgets the calls that ended before {@code cutoff}, so that a long run does not grow without
   * bound.
   */
  void forgetCallsEndedBefore(Instant cutoff);
}
