package org.dialbridge.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is wrong, for administrators (docs/operations.md): the store, each provider's last request
 * and last webhook on this node, the inbox's depth and lag, and the calls stuck without an end.
 *
 * @param inboxLagSeconds how long the oldest waiting webhook event has waited, 0 when none does
 * @param stuckCalls live calls older than {@code dialbridge.store.stuck-after}: the reconciler's
 *     work, or a provider whose final events do not arrive
 */
public record DetailedHealth(
    Health health,
    Map<String, ProviderStatus> providers,
    long inboxPending,
    long inboxParked,
    double inboxLagSeconds,
    long liveCalls,
    long stuckCalls) {

  public DetailedHealth {
    providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
  }

  /**
   * One provider: its host reachable, its last request that succeeded and that failed (with the
   * code), and its last webhook delivery (with how it was answered); each time null when none was
   * seen since this node started.
   */
  public record ProviderStatus(
      boolean reachable,
      Instant lastSuccess,
      Instant lastFailure,
      String lastFailureCode,
      Instant lastWebhook,
      String lastWebhookReason) {}
}
