package org.dialbridge.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.dialbridge.core.metrics.Metrics;

/**
 * The host's {@link Metrics}, plus what the detailed health tells of each provider: when a request
 * to it last succeeded, and when and how one last failed (on this node), so a silent or refusing
 * provider shows before agents complain.
 */
final class ProviderActivity implements Metrics {
  /** A provider's requests as last seen; each time null until one happened. */
  record Activity(Instant lastSuccess, Instant lastFailure, String lastFailureCode) {
    static final Activity NONE = new Activity(null, null, null);
  }

  private final Metrics delegate;
  private final Clock clock;
  private final Map<String, Activity> byProvider = new ConcurrentHashMap<>();

  ProviderActivity(Metrics delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  Activity of(String provider) {
    return byProvider.getOrDefault(provider, Activity.NONE);
  }

  @Override
  public void providerRequest(String provider, String operation, String outcome, Duration took) {
    Instant now = clock.instant();
    byProvider.merge(
        provider,
        outcome.equals("ok") ? new Activity(now, null, null) : new Activity(null, now, outcome),
        (was, latest) ->
            latest.lastSuccess() != null
                ? new Activity(latest.lastSuccess(), was.lastFailure(), was.lastFailureCode())
                : new Activity(was.lastSuccess(), latest.lastFailure(), latest.lastFailureCode()));
    delegate.providerRequest(provider, operation, outcome, took);
  }

  @Override
  public void webhook(String provider, boolean accepted, String reason) {
    delegate.webhook(provider, accepted, reason);
  }

  @Override
  public void webhookIngested(String provider, Duration took) {
    delegate.webhookIngested(provider, took);
  }

  @Override
  public void call(String provider, String code) {
    delegate.call(provider, code);
  }

  @Override
  public void reconciled(String provider) {
    delegate.reconciled(provider);
  }

  @Override
  public void gauge(String name, String description, Supplier<Number> value) {
    delegate.gauge(name, description, value);
  }
}
