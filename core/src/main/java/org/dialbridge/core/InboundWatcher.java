package org.dialbridge.core;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.store.CallStore;
import org.dialbridge.core.store.InboundCall;

/**
 * Tells each agent's stream of the inbound calls that ring for them, wherever they were stored: at
 * once for calls this node applied, for those another node applied when PostgreSQL tells of a
 * change (NOTIFY) and else within one poll (one query for every agent watching); then each call's
 * changes through the {@link CallWatcher}. A stream starts with the agent's open calls (a replay).
 */
final class InboundWatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(InboundWatcher.class.getName());

  private final CallStore store;
  private final CallWatcher calls;
  private final ScheduledExecutorService scheduler;
  private final Duration choosingFor;
  private static final int SEEN = 4_096;

  private final Map<String, Set<Stream>> streams = new ConcurrentHashMap<>();

  /** The inbound calls this node told of lately, oldest first (bounded). */
  private final Map<String, Boolean> seen =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > SEEN;
        }
      };

  private final ScheduledFuture<?> poller;
  private final AtomicBoolean pollQueued = new AtomicBoolean();
  private final AutoCloseable notices;

  /**
   * @param choosingFor how long after its end a call whose match is still to choose is replayed
   */
  InboundWatcher(
      CallStore store,
      CallWatcher calls,
      ScheduledExecutorService scheduler,
      long pollMillis,
      Duration choosingFor) {
    this.store = store;
    this.calls = calls;
    this.scheduler = scheduler;
    this.choosingFor = choosingFor;
    this.poller =
        scheduler.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    this.notices = store.onChangesAnywhere(this::pollSoon);
  }

  /** Tells {@code listener} of {@code agent}'s open inbound calls, then of every new one. */
  CallSubscription watch(String agent, InboundListener listener) {
    Stream stream = new Stream(listener);
    streams.computeIfAbsent(agent, a -> new CopyOnWriteArraySet<>()).add(stream);
    store.inbound().open(agent, choosingFor).forEach(stream::offer);
    return () -> {
      Set<Stream> set = streams.get(agent);
      if (set != null) {
        set.remove(stream);
        if (set.isEmpty()) streams.remove(agent, set);
      }
      stream.close();
    };
  }

  /**
   * A call this node changed: an inbound call seen for the first time is offered now to the agents
   * it rings for (its later changes reach them through the call watcher). Looked up once per call,
   * not per change; a stream that opened meanwhile finds it by its replay or the next poll.
   */
  void changed(Call call) {
    if (!call.inbound() || streams.isEmpty() || !firstSight(call.id())) return;
    store
        .inbound()
        .find(call.id())
        .ifPresent(
            in -> {
              for (String agent : in.details().ringing()) {
                Set<Stream> set = streams.get(agent);
                if (set != null) set.forEach(s -> s.offer(in));
              }
            });
  }

  private boolean firstSight(String callId) {
    synchronized (seen) {
      return seen.put(callId, Boolean.TRUE) == null;
    }
  }

  private void pollSoon() {
    if (streams.isEmpty() || !pollQueued.compareAndSet(false, true)) return;
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

  private void poll() {
    if (streams.isEmpty()) return;
    try {
      Map<String, List<InboundCall>> open =
          store.inbound().openForAll(Set.copyOf(streams.keySet()), choosingFor);
      open.forEach(
          (agent, list) -> {
            Set<Stream> set = streams.get(agent);
            if (set != null) list.forEach(in -> set.forEach(s -> s.offer(in)));
          });
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "inbound watcher poll failed: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    poller.cancel(false);
    try {
      notices.close();
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "closing change notices: " + e);
    }
    streams.values().forEach(set -> set.forEach(Stream::close));
    streams.clear();
  }

  /** One agent's stream: the calls told of, each watched until it ends. */
  private final class Stream {
    private final InboundListener listener;
    private final Set<String> told = new HashSet<>();
    private final Map<String, CallSubscription> watching = new HashMap<>();
    private boolean closed;

    Stream(InboundListener listener) {
      this.listener = listener;
    }

    synchronized void offer(InboundCall in) {
      String id = in.call().id();
      if (closed || !told.add(id)) return;
      safely(() -> listener.incoming(in));
      if (in.call().status().isTerminal() && !in.details().choose()) return;
      watching.put(id, calls.watch(id, call -> changedCall(in, call)));
    }

    /**
     * A change of a call told of; an ended call is watched on while its match is still to choose
     * (an agent may choose after the call, in another tab).
     */
    private synchronized void changedCall(InboundCall in, Call call) {
      if (closed || call.equals(in.call())) return;
      safely(() -> listener.changed(call));
      boolean choosing = in.details().choose() && call.contactId() == null;
      if (call.status().isTerminal() && !choosing) {
        CallSubscription s = watching.remove(call.id());
        if (s != null) scheduler.execute(s::close);
      }
    }

    synchronized void close() {
      closed = true;
      watching.values().forEach(CallSubscription::close);
      watching.clear();
    }

    private void safely(Runnable r) {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "inbound stream listener failed: " + e);
      }
    }
  }
}
