package org.dialbridge.core;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.dialbridge.core.config.AgentSettings;
import org.dialbridge.core.config.DialbridgeConfig;
import org.dialbridge.core.config.ProviderSettings;
import org.dialbridge.core.error.AgentBusyException;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.NumberNotAllowedException;
import org.dialbridge.core.error.ProviderException;
import org.dialbridge.core.error.ProviderUnsupportedException;
import org.dialbridge.core.error.RateLimitedException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.phone.Destination;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.AgentDirectory;
import org.dialbridge.core.spi.CallListener;
import org.dialbridge.core.spi.CallRequest;
import org.dialbridge.core.spi.ContactDirectory;
import org.dialbridge.core.spi.HangupRequest;
import org.dialbridge.core.spi.ProviderCallStatus;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.store.CallStore;
import org.dialbridge.core.store.HistoryPage;
import org.dialbridge.core.store.Ingested;
import org.dialbridge.core.store.Placement;

/**
 * Dialbridge: the one entry point a host (the servlet module, a test, a batch job) uses. Places and
 * hangs up calls for CRM agents through the configured providers, ingests their webhooks into the
 * call store, reconciles calls whose final event never came, and tells listeners and watchers of
 * every change. Thread-safe; {@link #close()} stops every thread it started.
 */
public final class Dialbridge implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Dialbridge.class.getName());
  /** How far back a live call may have started to be matched by number or extension. */
  private static final Duration CORRELATION_WINDOW = Duration.ofHours(2);

  private final DialbridgeConfig config;
  private final Clock clock;
  private final PhoneNumbers phoneNumbers;
  private final AgentDirectory agents;
  private final ContactDirectory contacts;
  private final List<CallListener> listeners;
  private final CallStore store;
  private final boolean ownsStore;
  private final ScheduledExecutorService scheduler;
  private final Map<String, TelephonyProvider> providers;
  private final CallWatcher watcher;
  private final DialRules dialRules;
  private volatile ScheduledFuture<?> reconciler;

  private Dialbridge(Builder b) {
    this.config = b.config;
    this.clock = b.clock;
    this.phoneNumbers = new PhoneNumbers(config.defaultRegion());
    this.agents = b.agents != null ? b.agents : new ConfiguredAgents(config.agents());
    this.contacts = b.contacts;
    this.listeners = List.copyOf(b.listeners);
    AtomicInteger threads = new AtomicInteger();
    this.scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "dialbridge-scheduler-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Map<String, TelephonyProvider> created = new LinkedHashMap<>();
    try {
      if (b.dataSource != null) {
        this.store = CallStore.open(b.dataSource, clock);
      } else {
        this.store = CallStore.open(config.store(), clock);
      }
      this.ownsStore = true;
      ProviderContext context = new ProviderContext(clock, phoneNumbers, scheduler);
      for (ProviderSettings p : config.providers().values()) {
        created.put(p.name(), b.factories.find(p.config().type()).orElseThrow().create(p.config(), context));
      }
    } catch (RuntimeException e) {
      created.values().forEach(TelephonyProvider::close);
      scheduler.shutdownNow();
      throw e;
    }
    this.providers = Collections.unmodifiableMap(created);
    this.watcher = new CallWatcher(store, scheduler, b.watchPollMillis);
    this.dialRules = new DialRules(config.dialPolicy(), phoneNumbers.defaultRegion(),
        config.agents().values().stream().map(AgentSettings::extension).collect(Collectors.toSet()));
  }

  /** Starts building a Dialbridge for {@code config}. */
  public static Builder builder(DialbridgeConfig config) {
    return new Builder(config);
  }

  public DialbridgeConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  /** The configured providers by name. */
  public Map<String, TelephonyProvider> providers() {
    return providers;
  }

  public CallWatcher watcher() {
    return watcher;
  }

  public CallStore store() {
    return store;
  }

  /** The name people see for a provider: {@code dialbridge.providers.<name>.label}, else its product name. */
  public String providerLabel(String provider) {
    ProviderSettings settings = config.providers().get(provider);
    return settings == null ? provider : settings.label();
  }

  /** The name people see for a CRM user: the agent directory's display name, else the user name. */
  public String agentName(String crmUser) {
    if (crmUser == null) return null;
    try {
      return agents.displayName(crmUser).orElse(crmUser);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "agent directory failed to name a user: " + e);
      return crmUser;
    }
  }

  /** The agent a CRM user dials as, if they are mapped. */
  public Optional<Agent> agent(String crmUser) {
    return agents.agent(crmUser);
  }

  // ---------------------------------------------------------------- placing and hanging up

  /**
   * Places a call from the agent's extension to {@code rawNumber}, linked to the CRM contact. The
   * call is recorded with Dialbridge's id before the provider is asked, so a webhook that beats the
   * provider's answer still finds it. A call whose outcome is unknown (the provider may have placed
   * it) is left live for the reconciler; one the provider refused ends {@code FAILED}.
   *
   * @param provider the provider to dial through, or null for the agent's own; the agent's
   *     extension is the same on every provider
   * @throws DialbridgeException {@code agent_not_mapped}, {@code invalid_number},
   *     {@code number_not_allowed}, {@code agent_busy}, {@code rate_limited}, or the provider's error
   */
  public Call placeCall(String crmUser, String contactId, String rawNumber, String provider) {
    Agent agent = agents.agent(crmUser).orElseThrow(() -> new DialbridgeException("agent_not_mapped",
        "User " + crmUser + " has no telephony extension; an administrator must map them (dialbridge.agents."
            + crmUser + ".extension)."));
    String providerName = provider == null ? agent.provider() : provider;
    if (!providers.containsKey(providerName)) {
      throw new DialbridgeException("invalid_request", "No provider named " + providerName + " is configured.");
    }
    TelephonyProvider telephony = providers.get(providerName);
    InputSizes.checkContactId(contactId);
    Destination destination = phoneNumbers.parse(rawNumber);
    checkPolicy(crmUser, destination, telephony);

    Instant now = clock.instant();
    Call call = Call.placed(UUID.randomUUID().toString(), telephony.name(), blankToNull(contactId), crmUser,
        agent.extension(), agent.extension(), destination.e164(), now);
    CallEvent placed = new CallEvent(call.id(), EventType.PLACED, CallStatus.DIALING, null, null, now, now,
        "dialbridge|placed|" + call.id(), "{}");
    refuseUnlessPlaced(crmUser, store.insertPlaced(call, placed, config.dialPolicy().rateLimit(),
        config.dialPolicy().oneLiveCall()), now);
    watcher.changed(call);

    String providerCallId;
    try {
      providerCallId = telephony.placeCall(new CallRequest(call.id(), agent, destination)).providerCallId();
    } catch (ProviderException e) {
      recordFailedOrigination(call, e);
      throw e;
    }
    LOG.log(Level.INFO, "call " + call.id() + " placed by " + crmUser + " to " + destination.masked() + " via "
        + telephony.name());
    afterIngest(store.linkLeg(call.id(), telephony.name(), providerCallId, true, telephony::interpret));
    return store.call(call.id()).orElseThrow();
  }

  private void refuseUnlessPlaced(String crmUser, Placement placement, Instant now) {
    switch (placement.outcome()) {
      case PLACED -> { }
      case AGENT_BUSY -> {
        LOG.log(Level.INFO, "call refused for " + crmUser + ": on live call " + placement.liveCall().id());
        throw new AgentBusyException(placement.liveCall());
      }
      case RATE_LIMITED -> {
        Instant resets = store.rateLimitResetsAt(crmUser, config.dialPolicy().rateLimit());
        LOG.log(Level.INFO, "call refused for " + crmUser + ": rate limit " + config.dialPolicy().rateLimit());
        throw new RateLimitedException(crmUser, Duration.between(now, resets));
      }
    }
  }

  private void checkPolicy(String crmUser, Destination destination, TelephonyProvider telephony) {
    Optional<String> refusal = dialRules.refusal(destination, telephony.outsideLinePrefix());
    if (refusal.isPresent()) {
      LOG.log(Level.WARNING, "dial policy refused " + destination.masked() + " for " + crmUser + ": " + refusal.get());
      throw new NumberNotAllowedException(refusal.get());
    }
  }

  private void recordFailedOrigination(Call call, ProviderException e) {
    Instant now = clock.instant();
    String raw = e.code() + (e.providerMessage().isPresent() ? ": " + e.providerMessage().get() : "");
    OwnEvent event = e.outcomeUnknown()
        ? ownEvent(call.id(), "outcome-unknown", EventType.OTHER, null, null, "origination_outcome_unknown: " + raw, now)
        : ownEvent(call.id(), "origination-failed", EventType.HANGUP, CallStatus.FAILED, HangupCause.PROVIDER_ERROR, raw, now);
    LOG.log(Level.WARNING, "call " + call.id() + " via " + call.provider() + ": " + e.getMessage());
    try {
      ingestOwn(call.provider(), event);
    } catch (DialbridgeException storeDown) {
      LOG.log(Level.WARNING, "could not record the failed origination of call " + call.id() + ": " + storeDown.getMessage());
    }
  }

  /**
   * Hangs up a live call at its provider.
   *
   * @param mayActOnAll true for an administrator, who may hang up any agent's call
   * @throws DialbridgeException {@code call_not_found}, {@code forbidden}, {@code call_already_ended},
   *     {@code hangup_unsupported}, or the provider's error
   */
  public Call hangUp(String crmUser, String callId, boolean mayActOnAll) {
    Call call = call(callId);
    if (!mayActOnAll && !Objects.equals(call.agent(), crmUser)) {
      throw new DialbridgeException("forbidden", "This call belongs to another agent.");
    }
    if (call.status().isTerminal()) {
      throw new DialbridgeException("call_already_ended", "The call has already ended.");
    }
    TelephonyProvider telephony = provider(call.provider());
    if (!telephony.capabilities().hangUp()) throw new ProviderUnsupportedException(telephony.name(), "hangUp");
    if (call.providerCallId() == null) {
      throw new DialbridgeException("call_not_connected", "The provider has not confirmed the call yet; try again in a moment.");
    }
    List<String> legs = store.legs(call.id());
    List<String> otherLegs = legs.stream().filter(l -> !l.equals(call.providerCallId())).toList();
    telephony.hangUp(new HangupRequest(call.providerCallId(), otherLegs, call.agentExtension()));
    Instant now = clock.instant();
    ingestOwn(call.provider(), ownEvent(call.id(), "hangup-requested", EventType.HANGUP_REQUESTED, null, null,
        "requested by " + crmUser, now).withKeySuffix(now.toEpochMilli()));
    return call(callId);
  }

  // ---------------------------------------------------------------- reading

  /** @throws DialbridgeException {@code call_not_found} */
  public Call call(String callId) {
    return store.call(callId).orElseThrow(() -> new DialbridgeException("call_not_found", "No call " + callId + "."));
  }

  /** The CRM user's live call (the newest that has not ended), if they have one. */
  public Optional<Call> liveCall(String crmUser) {
    return store.liveCallOf(crmUser);
  }

  /** A call's events, oldest first. @throws DialbridgeException {@code call_not_found} */
  public List<CallEvent> events(String callId) {
    call(callId);
    return store.events(callId);
  }

  /**
   * A contact's calls, newest first.
   *
   * @param onlyAgent only this agent's calls, or null for all
   */
  public HistoryPage history(String contactId, String onlyAgent, String cursor, int limit) {
    try {
      return store.history(contactId, onlyAgent, cursor, limit);
    } catch (IllegalArgumentException e) {
      throw new DialbridgeException("invalid_request", e.getMessage());
    }
  }

  public TelephonyProvider provider(String name) {
    TelephonyProvider p = providers.get(name);
    if (p == null) throw new DialbridgeException("provider_not_found", "No provider named " + name + " is configured.");
    return p;
  }

  // ---------------------------------------------------------------- webhooks

  /** What one webhook delivery did. */
  public record Delivery(int stored, int duplicates) {}

  /**
   * Parses one webhook delivery of {@code providerName} and stores each of its events exactly once,
   * then lets the provider react and tells listeners. Authentication (token, Basic, HMAC) is the
   * caller's job and must come first.
   *
   * @throws DialbridgeException {@code provider_not_found}; {@code webhook_unparseable} (nothing
   *     stored); {@code store_unavailable} (nothing half-written: the sender should retry)
   */
  public Delivery ingest(String providerName, WebhookRequest request) {
    TelephonyProvider telephony = provider(providerName);
    List<ProviderEvent> events = telephony.webhookParser().parse(request);
    InputSizes.checkEvents(events);
    Instant received = clock.instant();
    int stored = 0;
    int duplicates = 0;
    for (ProviderEvent event : events) {
      String contact = contactFor(telephony.name(), event);
      Ingested result = store.ingest(telephony.name(), event, received, telephony::interpret, contact, CORRELATION_WINDOW);
      if (result.duplicate()) {
        duplicates++;
        continue;
      }
      stored++;
      afterIngest(List.of(result));
      if (result.after() != null) react(telephony, event, result.after());
    }
    return new Delivery(stored, duplicates);
  }

  private String contactFor(String provider, ProviderEvent event) {
    if (contacts == ContactDirectory.NONE || event.number() == null || event.providerCallId() == null) return null;
    if (store.resolveCallId(provider, event, CORRELATION_WINDOW).isPresent()) return null;
    Optional<Destination> number = phoneNumbers.tryParse(event.number().startsWith("+") || event.number().length() < 7
        ? event.number() : "+" + event.number()).or(() -> phoneNumbers.tryParse(event.number()));
    if (number.isEmpty() || number.get().isExtension()) return null;
    try {
      List<String> ids = contacts.contactIds(number.get().e164());
      return ids.isEmpty() ? null : ids.get(0);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "contact directory failed for " + number.get().masked() + ": " + e);
      return null;
    }
  }

  private void react(TelephonyProvider telephony, ProviderEvent event, Call call) {
    Set<String> legs;
    try {
      legs = telephony.react(event, call);
    } catch (ProviderException e) {
      LOG.log(Level.WARNING, "call " + call.id() + ": " + telephony.name() + " could not act on its event: " + e.getMessage());
      Instant now = clock.instant();
      ingestOwn(telephony.name(), ownEvent(call.id(), "reaction-failed", EventType.HANGUP, CallStatus.FAILED,
          HangupCause.PROVIDER_ERROR, e.code() + ": " + e.getMessage(), now));
      return;
    }
    for (String leg : legs) {
      afterIngest(store.linkLeg(call.id(), telephony.name(), leg, false, telephony::interpret));
    }
  }

  private void afterIngest(List<Ingested> results) {
    for (Ingested r : results) {
      if (!r.changedCall()) continue;
      watcher.changed(r.after());
      for (CallListener l : listeners) {
        try {
          l.onStatusChange(r.after(), r.stored());
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "call listener " + l.getClass().getName() + " failed: " + e);
        }
      }
    }
  }

  private void ingestOwn(String provider, OwnEvent own) {
    Ingested result = store.ingest(provider, own.event(), clock.instant(), (e, c) -> e, null, CORRELATION_WINDOW);
    if (!result.duplicate()) afterIngest(List.of(result));
  }

  /** An event Dialbridge records itself (placed, hang-up requested, reconciled), tied by its own call id. */
  private record OwnEvent(ProviderEvent event) {
    OwnEvent withKeySuffix(long suffix) {
      ProviderEvent e = event;
      return new OwnEvent(new ProviderEvent(e.eventKey() + "|" + suffix, e.type(), e.status(), e.cause(), e.rawCause(),
          e.occurredAt(), e.providerCallId(), e.callId(), e.agentExtension(), e.number(), e.payload()));
    }
  }

  private static OwnEvent ownEvent(String callId, String what, EventType type, CallStatus status, HangupCause cause,
      String raw, Instant at) {
    return new OwnEvent(new ProviderEvent("dialbridge|" + what + "|" + callId, type, status, cause, raw, at, null, callId,
        null, null, "{}"));
  }

  // ---------------------------------------------------------------- reconciling

  /**
   * Starts reconciling calls that stay live longer than {@code dialbridge.store.stuck-after}, every
   * {@code dialbridge.store.reconcile-every}. Idempotent.
   */
  public synchronized void startReconciler() {
    if (reconciler != null) return;
    long every = config.store().reconcileEvery().toMillis();
    reconciler = scheduler.scheduleWithFixedDelay(() -> {
      try {
        reconcile();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "reconciler pass failed: " + e.getMessage());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * One reconciler pass: each call still live after {@code stuck-after} is closed with the status
   * its provider reports, or, where the provider has no status or does not know, as {@code FAILED}
   * with raw cause {@code no_final_event}. Several nodes may run it at once: each call is closed
   * once (the closing event's key is unique).
   *
   * @return the number of calls closed by this pass
   */
  public int reconcile() {
    Instant cutoff = clock.instant().minus(config.store().stuckAfter());
    int closed = 0;
    for (Call call : store.liveCallsStartedBefore(cutoff, 200)) {
      TelephonyProvider telephony = providers.get(call.provider());
      ProviderCallStatus status = null;
      if (telephony != null && telephony.capabilities().status() && call.providerCallId() != null) {
        try {
          status = telephony.status(call.providerCallId()).orElse(null);
        } catch (ProviderException e) {
          LOG.log(Level.DEBUG, "reconciler: status of call " + call.id() + " failed: " + e.getMessage());
        }
      }
      Instant now = clock.instant();
      OwnEvent event;
      if (status != null && status.status() != null && status.status().isTerminal()) {
        event = ownEvent(call.id(), "reconciled", EventType.STATUS_POLLED, status.status(), status.cause(),
            status.rawState(), status.endedAt() != null ? status.endedAt() : now);
      } else if (status != null && status.status() != null && !status.status().isTerminal()) {
        continue;
      } else {
        event = ownEvent(call.id(), "reconciled", EventType.HANGUP, CallStatus.FAILED, HangupCause.NO_FINAL_EVENT,
            "no_final_event", now);
      }
      Ingested result = store.ingest(call.provider(), event.event(), now, (e, c) -> e, null, CORRELATION_WINDOW);
      if (!result.duplicate()) {
        closed++;
        afterIngest(List.of(result));
      }
    }
    return closed;
  }

  @Override
  public void close() {
    ScheduledFuture<?> r = reconciler;
    if (r != null) r.cancel(false);
    watcher.close();
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    providers.values().forEach(p -> {
      try {
        p.close();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "closing provider " + p.name() + ": " + e);
      }
    });
    if (ownsStore) store.close();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Builds a {@link Dialbridge}; only the configuration is required. */
  public static final class Builder {
    private final DialbridgeConfig config;
    private Clock clock = Clock.systemUTC();
    private AgentDirectory agents;
    private ContactDirectory contacts = ContactDirectory.NONE;
    private final List<CallListener> listeners = new ArrayList<>();
    private DataSource dataSource;
    private ProviderFactories factories = ProviderFactories.discover(Dialbridge.class.getClassLoader());
    private long watchPollMillis = 500;

    private Builder(DialbridgeConfig config) {
      this.config = Objects.requireNonNull(config, "config == null");
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Who CRM users are as agents; default: {@code dialbridge.agents.*}. */
    public Builder agentDirectory(AgentDirectory agents) {
      this.agents = agents;
      return this;
    }

    public Builder contactDirectory(ContactDirectory contacts) {
      this.contacts = contacts == null ? ContactDirectory.NONE : contacts;
      return this;
    }

    public Builder listener(CallListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /**
     * Adds the host's extension points found by {@link ServiceLoader} ({@link AgentDirectory},
     * {@link ContactDirectory}, {@link CallListener}) where none was set explicitly.
     */
    public Builder discoverExtensions(ClassLoader loader) {
      if (agents == null) ServiceLoader.load(AgentDirectory.class, loader).findFirst().ifPresent(a -> agents = a);
      if (contacts == ContactDirectory.NONE) {
        ServiceLoader.load(ContactDirectory.class, loader).findFirst().ifPresent(c -> contacts = c);
      }
      ServiceLoader.load(CallListener.class, loader).forEach(listeners::add);
      return this;
    }

    /** The store's database, instead of {@code dialbridge.store.*}. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    public Builder providerFactories(ProviderFactories factories) {
      this.factories = Objects.requireNonNull(factories, "factories == null");
      return this;
    }

    /** How often watchers look for changes made by other nodes (default 500 ms). */
    public Builder watchPollInterval(Duration interval) {
      this.watchPollMillis = Math.max(10, interval.toMillis());
      return this;
    }

    public Dialbridge build() {
      return new Dialbridge(this);
    }
  }
}
