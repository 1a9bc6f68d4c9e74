package org.dialbridge.core;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.spi.ActiveCall;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.store.CallStore;

/**
 * Fills in the caller of an inbound call whose event named only the agent's extension (a PBX that
 * knows who rings but not who calls), from the provider's active-call look-up (BemMelhor's {@code
 * GET /api/active/{extension}}, its {@code callerId.number}). Bounded so a burst of such events
 * cannot become a polling storm: off the applier's thread, one look-up at a time, at most {@value
 * #WAITING} waiting (more are dropped), and at most one per extension every {@link #COOL_DOWN}.
 */
final class CallerLookup implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CallerLookup.class.getName());
  static final int WAITING = 16;
  static final Duration COOL_DOWN = Duration.ofSeconds(10);

  private final CallStore store;
  private final InboundRouter router;
  private final CallRecorder recorder;
  private final Clock clock;
  private final Map<String, Instant> lastAsked = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor executor =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(WAITING),
          r -> {
            Thread t = new Thread(r, "dialbridge-caller-lookup");
            t.setDaemon(true);
            return t;
          });

  CallerLookup(CallStore store, InboundRouter router, CallRecorder recorder, Clock clock) {
    this.store = store;
    this.router = router;
    this.recorder = recorder;
    this.clock = clock;
  }

  /** Looks the caller of {@code call} up, when it is an inbound call whose caller is unknown. */
  void offer(TelephonyProvider provider, Call call) {
    String extension = call.agentExtension();
    if (!call.inbound() || call.from() != null || extension == null) return;
    if (!provider.capabilities().activeCall()) return;
    Instant now = clock.instant();
    String key = call.provider() + '\n' + extension;
    Instant last = lastAsked.get(key);
    if (last != null && last.plus(COOL_DOWN).isAfter(now)) return;
    lastAsked.put(key, now);
    try {
      executor.execute(() -> lookUp(provider, call));
    } catch (RejectedExecutionException e) {
      LOG.log(Level.DEBUG, "caller look-up dropped: " + WAITING + " already waiting");
    }
  }

  private void lookUp(TelephonyProvider provider, Call call) {
    Optional<ActiveCall> active;
    try {
      active = provider.activeCall(call.agentExtension());
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "call " + call.id() + ": caller look-up failed: " + e.getMessage());
      return;
    }
    String number = active.map(ActiveCall::callerIdNumber).orElse(null);
    // the agent's own channel names the extension itself until the caller is bridged
    if (number == null || number.equals(call.agentExtension())) return;
    InboundRouter.Caller caller = router.caller(number);
    try {
      store
          .inbound()
          .fillInCaller(
              call.id(), caller.number(), caller.matches(), caller.contactId(), caller.choose())
          .ifPresent(recorder::created);
      LOG.log(
          Level.DEBUG,
          "call " + call.id() + ": caller " + PhoneNumbers.mask(caller.number()) + " looked up");
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "call " + call.id() + ": caller not stored: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
