package org.dialbridge.core;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dialbridge.core.error.ProviderException;
import org.dialbridge.core.error.StoreUnavailableException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.store.Applied;
import org.dialbridge.core.store.CallStore;
import org.dialbridge.core.store.EventInterpreter;
import org.dialbridge.core.store.InboundRouting;
import org.dialbridge.core.store.InboxApplication;

/**
 * Moves calls by the webhook events waiting in the inbox, on its own thread, in batches, in the
 * order they were accepted: woken at once when this node appended events, and every poll interval
 * for events another node accepted and could not apply (it stopped). On PostgreSQL every node runs
 * one, each batch locked against the others. After each batch commits it tells of every change and
 * lets each provider react to its new events (Bandwidth's transfer of an answered agent leg): never
 * in the thread that answered the webhook.
 */
final class InboxApplier implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(InboxApplier.class.getName());
  static final int BATCH = 256;

  /**
   * The largest batch, taken when the ones before came full (a backlog): a batch's statements (the
   * take, the look-ups, the writes, the commit) cost the same round trips for more events. Not the
   * usual size: a batch's changes are told only once all of it committed.
   */
  static final int BACKLOG_BATCH = 1_024;

  private static final long BACK_OFF_MILLIS = 1_000;

  private final CallStore store;
  private final ConfiguredProviders providers;
  private final CallRecorder recorder;
  private final InboundRouter router;
  private final CallerLookup callers;
  private final Clock clock;
  private final long pollMillis;
  private final Semaphore wakeUps = new Semaphore(0);
  private final InboxApplication application = new Application();
  private final Thread thread;
  private final BatchSize batch = new BatchSize();
  private volatile boolean busy = true;
  private volatile boolean closed;

  InboxApplier(
      CallStore store,
      ConfiguredProviders providers,
      CallRecorder recorder,
      InboundRouter router,
      CallerLookup callers,
      Clock clock,
      Duration pollInterval) {
    this.store = store;
    this.providers = providers;
    this.recorder = recorder;
    this.router = router;
    this.callers = callers;
    this.clock = clock;
    this.pollMillis = Math.max(10, pollInterval.toMillis());
    this.thread = new Thread(this::run, "dialbridge-apply");
    thread.setDaemon(true);
    thread.start();
  }

  /** Events were appended: apply them now rather than at the next poll. */
  void wake() {
    wakeUps.release();
  }

  /** True while a batch is being applied or its changes told. */
  boolean busy() {
    return busy;
  }

  private void run() {
    while (!closed) {
      busy = true;
      long waitMillis;
      try {
        waitMillis = applyBatch() ? 0 : pollMillis;
      } catch (StoreUnavailableException e) {
        LOG.log(Level.DEBUG, "inbox not applied, the store is unavailable: " + e.getMessage());
        waitMillis = BACK_OFF_MILLIS;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "inbox applier failed; retrying", e);
        waitMillis = BACK_OFF_MILLIS;
      }
      busy = false;
      if (waitMillis == 0) continue;
      try {
        if (wakeUps.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) wakeUps.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Applies one batch and tells of it, each event's change then its provider's reaction (an inbound
   * call's reaction offers it to the CRM's caller look-up, which its announcement on other nodes
   * relies on). @return true when more may be waiting
   */
  private boolean applyBatch() {
    int max = batch.size();
    List<Applied> applied = store.applyInbox(max, application);
    for (Applied a : applied) {
      if (a.result().duplicate()) continue;
      Call call = a.result().after();
      try (LogContext log = LogContext.of(a.provider(), call == null ? null : call.id())) {
        recorder.announce(List.of(a.result()));
        if (call != null) react(a.provider(), a.event(), call);
      }
    }
    boolean full = applied.size() == max;
    batch.after(full);
    return full;
  }

  /**
   * The size of the next batch: {@link #BATCH}, doubled up to {@link #BACKLOG_BATCH} only once
   * {@link #FULL_BEFORE_GROWING} batches in a row came full (a backlog, not a burst: a batch's
   * changes are told once all of it committed, so a 1,024 batch taken for a burst held its events'
   * statuses back ~4 times as long), and back to {@link #BATCH} after one that was not.
   */
  static final class BatchSize {
    static final int FULL_BEFORE_GROWING = 2;
    private int size = BATCH;
    private int fullInARow;

    int size() {
      return size;
    }

    void after(boolean full) {
      if (!full) {
        size = BATCH;
        fullInARow = 0;
        return;
      }
      if (++fullInARow >= FULL_BEFORE_GROWING) size = Math.min(2 * size, BACKLOG_BATCH);
    }
  }

  private void react(String provider, ProviderEvent event, Call call) {
    TelephonyProvider telephony = providers.find(provider).orElse(null);
    if (telephony == null) return;
    if (event.startsInbound()) callers.offer(telephony, call);
    Set<String> legs;
    try {
      legs = telephony.react(event, call);
    } catch (ProviderException e) {
      LOG.log(
          Level.WARNING,
          "call " + call.id() + ": " + provider + " could not act on its event: " + e.getMessage());
      recorder.record(
          provider,
          OwnEvent.of(
              call.id(),
              "reaction-failed",
              EventType.HANGUP,
              CallStatus.FAILED,
              HangupCause.PROVIDER_ERROR,
              e.code() + ": " + e.getMessage(),
              clock.instant()));
      return;
    }
    for (String leg : legs) {
      recorder.announce(store.linkLeg(call.id(), provider, leg, false, telephony::interpret));
    }
  }

  /** The provider's reading of its events, and the CRM's side of a call it did not place. */
  private final class Application implements InboxApplication {
    @Override
    public EventInterpreter interpreter(String provider) {
      return providers.require(provider)::interpret;
    }

    @Override
    public String contactForNewCall(String provider, ProviderEvent event) {
      return router.contactForNewCall(event);
    }

    @Override
    public InboundRouting route(String provider, ProviderEvent event) {
      return router.route(provider, event);
    }

    @Override
    public String agentFor(String provider, String extension) {
      return router.agentFor(provider, extension);
    }
  }

  /** Finishes the batch in hand, then stops; what is left waits in the inbox for the next start. */
  @Override
  public void close() {
    closed = true;
    wakeUps.release(); // not an interrupt: H2 closes its file when a thread is interrupted in I/O
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
