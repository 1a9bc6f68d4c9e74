package org.dialbridge.core.metrics;

import java.time.Duration;
import java.util.function.Supplier;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;

/**
 * What Dialbridge measures (docs/operations.md), told to the host's metrics. {@link #NONE} keeps
 * nothing; {@link MicrometerMetrics} writes to a Micrometer registry. Tags never carry a phone
 * number, a user or a call id: providers, outcomes and stable codes only.
 */
public interface Metrics {
  /** No metrics: the default where the host has no Micrometer. */
  Metrics NONE = new Metrics() {};

  /**
   * A webhook delivery answered.
   *
   * @param reason {@code stored}, {@code duplicate} or the error code it was refused with
   */
  default void webhook(String provider, boolean accepted, String reason) {}

  /** How long accepting one webhook delivery took, authentication to durable. */
  default void webhookIngested(String provider, Duration took) {}

  /**
   * A click-to-call that was placed, or failed or was refused with {@code code}.
   *
   * @param code {@code placed}, or the error code ({@code provider_rejected}, {@code agent_busy},
   *     …)
   */
  default void call(String provider, String code) {}

  /**
   * A request to a provider.
   *
   * @param operation {@code place_call}, {@code hang_up}, {@code status}, {@code disposition}
   * @param outcome {@code ok} or the error code
   */
  default void providerRequest(String provider, String operation, String outcome, Duration took) {}

  /**
   * Runs one request to a provider and tells {@link #providerRequest} how it went: {@code ok}, or
   * the error code it failed with (which is rethrown).
   */
  default <T> T timed(String provider, String operation, Supplier<T> request) {
    long start = System.nanoTime();
    String outcome = "ok";
    try {
      return request.get();
    } catch (DialbridgeException e) {
      outcome = e.errorCode().wire();
      throw e;
    } catch (RuntimeException e) {
      outcome = ErrorCode.INTERNAL_ERROR.wire();
      throw e;
    } finally {
      providerRequest(provider, operation, outcome, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** A stuck call the reconciler closed. */
  default void reconciled(String provider) {}

  /** A value read whenever the metrics are: inbox depth, live calls, open streams. */
  default void gauge(String name, String description, Supplier<Number> value) {}
}
