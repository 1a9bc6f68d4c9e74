package org.dialbridge.core;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.store.CallStore;

/**
 * Tells subscribers when a call changes, wherever the change happened: at once for changes made on
 * this node; for changes another CRM node wrote to the shared store, as soon as PostgreSQL tells of
 * them (NOTIFY), and else within one poll interval (one query for all watched calls). Subscribers
 * are called on the watcher's thread and must not block.
 */
final class CallWatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CallWatcher.class.getName());

  private final CallStore store;
  private final Map<String, Set<Consumer<Call>>> subscribers = new ConcurrentHashMap<>();
  private final Map<String, Call> lastSeen = new ConcurrentHashMap<>();
  private final ScheduledFuture<?> poller;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean pollQueued = new AtomicBoolean();
  private final AutoCloseable notices;

  CallWatcher(CallStore store, ScheduledExecutorService scheduler, long pollMillis) {
    this.store = store;
    this.scheduler = scheduler;
    this.poller =
        scheduler.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    this.notices = store.onChangesAnywhere(this::pollSoon);
  }

  /** A node told of a change (PostgreSQL's NOTIFY): poll now, once for however many notices. */
  private void pollSoon() {
    if (subscribers.isEmpty() || !pollQueued.compareAndSet(false, true)) return;
    try {
      scheduler.execute(
          () -> {
            pollQueued.set(false);
            poll();
          });
    } catch (RejectedExecutionException e) {
      pollQueued.set(false); // stopping
    }
  }

  /** Calls {@code subscriber} with the call now (when it exists) and then with every change. */
  CallSubscription watch(String callId, Consumer<Call> subscriber) {
    subscribers.computeIfAbsent(callId, id -> new CopyOnWriteArraySet<>()).add(subscriber);
    store
        .call(callId)
        .ifPresent(
            call -> {
              lastSeen.putIfAbsent(callId, call);
              subscriber.accept(call);
            });
    return () -> {
      Set<Consumer<Call>> set = subscribers.get(callId);
      if (set != null) {
        set.remove(subscriber);
        if (set.isEmpty()) {
          subscribers.remove(callId, set);
          lastSeen.remove(callId);
        }
      }
    };
  }

  /** A change made on this node: subscribers hear of it now rather than at the next poll. */
  void changed(Call call) {
    if (subscribers.containsKey(call.id())) publish(call);
  }

  private void poll() {
    if (subscribers.isEmpty()) return;
    try {
      store.calls(Set.copyOf(subscribers.keySet())).values().forEach(this::publish);
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "call watcher poll failed: " + e.getMessage());
    }
  }

  private void publish(Call call) {
    boolean[] fresh = new boolean[1];
    lastSeen.compute(
        call.id(),
        (id, previous) -> {
          fresh[0] = previous == null || (!call.equals(previous) && !isBehind(call, previous));
          return fresh[0] ? call : previous;
        });
    if (!fresh[0]) return;
    Set<Consumer<Call>> set = subscribers.get(call.id());
    if (set == null) return;
    for (Consumer<Call> s : set) {
      try {
        s.accept(call);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "call watcher subscriber failed: " + e);
      }
    }
  }

  /**
   * A poll that read the store just before a local change must not announce the older state after
   * it.
   */
  private static boolean isBehind(Call call, Call previous) {
    if (previous.status().isTerminal()) return !call.status().isTerminal();
    return call.status().ordinal() < previous.status().ordinal();
  }

  @Override
  public void close() {
    poller.cancel(false);
    try {
      notices.close();
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "closing change notices: " + e);
    }
    subscribers.clear();
    lastSeen.clear();
  }
}
