package org.dialbridge.core;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.WrapUp;
import org.dialbridge.core.spi.CallListener;
import org.dialbridge.core.store.CallStore;
import org.dialbridge.core.store.Ingested;

/**
 * Records Dialbridge's own events in the call store and tells of every change: the watchers at
 * once, then each listener (a failing listener is logged and skipped, never stops the others).
 */
final class CallRecorder {
  private static final System.Logger LOG = System.getLogger(CallRecorder.class.getName());

  /** How far back a live call may have started to be matched by number or extension. */
  static final Duration CORRELATION_WINDOW = CallStore.CORRELATION_WINDOW;

  private final CallStore store;
  private final Clock clock;
  private final CallWatcher watcher;
  private final Consumer<Call> inboundWatcher;
  private final List<CallListener> listeners;

  CallRecorder(
      CallStore store,
      Clock clock,
      CallWatcher watcher,
      Consumer<Call> inboundWatcher,
      List<CallListener> listeners) {
    this.store = store;
    this.clock = clock;
    this.watcher = watcher;
    this.inboundWatcher = inboundWatcher;
    this.listeners = List.copyOf(listeners);
  }

  /** Stores {@code own} as received now, and tells of the change. */
  void record(String provider, OwnEvent own) {
    record(provider, own, clock.instant());
  }

  /**
   * Stores {@code own} as received at {@code receivedAt}; false when it was stored before (a
   * duplicate).
   */
  boolean record(String provider, OwnEvent own, Instant receivedAt) {
    Ingested result =
        store.ingest(provider, own.event(), receivedAt, (e, c) -> e, null, CORRELATION_WINDOW);
    if (result.duplicate()) return false;
    announce(List.of(result));
    return true;
  }

  /** Tells watchers, then listeners, of each result that changed its call. */
  void announce(List<Ingested> results) {
    for (Ingested r : results) {
      if (!r.changedCall()) continue;
      watcher.changed(r.after());
      inboundWatcher.accept(r.after());
      for (CallListener l : listeners) {
        try {
          l.onStatusChange(r.after(), r.stored());
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "call listener " + l.getClass().getName() + " failed: " + e);
        }
      }
    }
  }

  /** Tells each listener of a saved wrap-up, after its transaction committed. */
  void wrappedUp(Call call, WrapUp wrapUp) {
    for (CallListener l : listeners) {
      try {
        l.onWrapUp(call, wrapUp);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "call listener " + l.getClass().getName() + " failed: " + e);
      }
    }
  }

  /** A call this node just created: watchers hear of it now. */
  void created(Call call) {
    watcher.changed(call);
  }
}
