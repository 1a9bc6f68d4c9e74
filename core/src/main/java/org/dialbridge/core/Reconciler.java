package org.dialbridge.core;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.dialbridge.core.config.StoreSettings;
import org.dialbridge.core.error.ProviderException;
import org.dialbridge.core.metrics.Metrics;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ProviderCallStatus;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.store.CallStore;

/**
 * Closes calls whose final event never came: each call still live after {@code stuck-after} is
 * closed with the status its provider reports, or, where the provider has no status or does not
 * know, as {@code FAILED} with raw cause {@code no_final_event}. Several nodes may run it at once:
 * each call is closed once (the closing event's key is unique).
 */
final class Reconciler implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());

  /** The most calls one pass looks at. */
  private static final int PASS_SIZE = 200;

  private final StoreSettings settings;
  private final CallStore store;
  private final ConfiguredProviders providers;
  private final CallRecorder recorder;
  private final Metrics metrics;
  private final Clock clock;
  private ScheduledFuture<?> schedule;

  Reconciler(
      StoreSettings settings,
      CallStore store,
      ConfiguredProviders providers,
      CallRecorder recorder,
      Metrics metrics,
      Clock clock) {
    this.settings = settings;
    this.store = store;
    this.providers = providers;
    this.recorder = recorder;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Runs a pass every {@code reconcile-every} on {@code scheduler}. Idempotent. */
  synchronized void start(ScheduledExecutorService scheduler) {
    if (schedule != null) return;
    long every = settings.reconcileEvery().toMillis();
    schedule =
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                pass();
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "reconciler pass failed: " + e.getMessage());
              }
            },
            every,
            every,
            TimeUnit.MILLISECONDS);
  }

  /** One pass. @return the number of calls it closed */
  int pass() {
    Instant cutoff = clock.instant().minus(settings.stuckAfter());
    int closed = 0;
    for (Call call : store.liveCallsStartedBefore(cutoff, PASS_SIZE)) {
      try (LogContext log = LogContext.of(call.provider(), call.id())) {
        ProviderCallStatus status = providerStatus(call);
        Instant now = clock.instant();
        Optional<OwnEvent> closing = closingEvent(call, status, now);
        if (closing.isPresent() && recorder.record(call.provider(), closing.get(), now)) {
          metrics.reconciled(call.provider());
          closed++;
        }
      }
    }
    return closed;
  }

  /** The provider's view of the call, or null where it has none (or asking failed). */
  private ProviderCallStatus providerStatus(Call call) {
    TelephonyProvider telephony = providers.find(call.provider()).orElse(null);
    if (telephony == null || !telephony.capabilities().status() || call.providerCallId() == null)
      return null;
    try {
      return metrics
          .timed(telephony.name(), "status", () -> telephony.status(call.providerCallId()))
          .orElse(null);
    } catch (ProviderException e) {
      LOG.log(
          Level.DEBUG, "reconciler: status of call " + call.id() + " failed: " + e.getMessage());
      return null;
    }
  }

  /** The event that closes the call, or empty when its provider says it is still live. */
  private static Optional<OwnEvent> closingEvent(
      Call call, ProviderCallStatus status, Instant now) {
    if (status == null || status.status() == null) {
      return Optional.of(
          OwnEvent.of(
              call.id(),
              "reconciled",
              EventType.HANGUP,
              CallStatus.FAILED,
              HangupCause.NO_FINAL_EVENT,
              "no_final_event",
              now));
    }
    if (!status.status().isTerminal()) return Optional.empty();
    return Optional.of(
        OwnEvent.of(
            call.id(),
            "reconciled",
            EventType.STATUS_POLLED,
            status.status(),
            status.cause(),
            status.rawState(),
            status.endedAt() != null ? status.endedAt() : now));
  }

  @Override
  public synchronized void close() {
    if (schedule != null) schedule.cancel(false);
  }
}
