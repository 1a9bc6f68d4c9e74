package org.dialbridge.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.dialbridge.core.config.AgentSettings;
import org.dialbridge.core.config.DialbridgeConfig;
import org.dialbridge.core.config.InboundSettings;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.error.WebhookAuthenticationException;
import org.dialbridge.core.metrics.Metrics;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.model.WrapUp;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.spi.Agent;
import org.dialbridge.core.spi.AgentDirectory;
import org.dialbridge.core.spi.CallListener;
import org.dialbridge.core.spi.ContactDirectory;
import org.dialbridge.core.spi.Disposition;
import org.dialbridge.core.spi.DispositionCatalog;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.store.CallStore;
import org.dialbridge.core.store.CallWithWrapUp;
import org.dialbridge.core.store.HistoryPage;
import org.dialbridge.core.store.InboundCall;
import org.dialbridge.core.store.InboundDetails;
import org.dialbridge.core.store.InboxCounts;
import org.dialbridge.core.store.ParkedEvent;

/**
 * Dialbridge: the one entry point a host (the servlet module, a test, a batch job) uses. Places and
 * hangs up calls for CRM agents through the configured providers, ingests their webhooks into the
 * call store, reconciles calls whose final event never came, and tells listeners and watchers of
 * every change. A facade: each method hands the work to the part that does it. Thread-safe; {@link
 * #close()} stops every thread it started.
 */
public final class Dialbridge implements AutoCloseable {
  private final DialbridgeConfig config;
  private final ScheduledExecutorService scheduler;
  private final CallStore store;
  private final ConfiguredProviders providers;
  private final CallWatcher watcher;
  private final InboundWatcher inboundWatcher;
  private final InboundCalling inboundCalling;
  private final CallerLookup callerLookup;
  private final DeliveryLog deliveries;
  private final Metrics metrics;
  private final ProviderActivity activity;
  private final boolean metricsGiven;
  private final Clock clock;
  private final AgentLookup agents;
  private final CallReading reading;
  private final CallPlacing placing;
  private final HangingUp hangingUp;
  private final WebhookVerification verification;
  private final InboxApplier applier;
  private final InboxWriter inbox;
  private final WebhookIngestion ingestion;
  private final Reconciler reconciler;
  private final ProviderReachability reachability;
  private final WrappingUp wrappingUp;

  private Dialbridge(Builder b) {
    this.config = b.config;
    this.activity = new ProviderActivity(b.metrics, b.clock);
    this.metrics = activity;
    this.metricsGiven = b.metrics != Metrics.NONE;
    PhoneNumbers phoneNumbers = new PhoneNumbers(config.defaultRegion());
    this.scheduler = newScheduler();
    try {
      this.store =
          b.dataSource != null
              ? CallStore.open(b.dataSource, b.clock)
              : CallStore.open(config.store(), b.clock);
      this.providers =
          ConfiguredProviders.create(
              config, b.factories, new ProviderContext(b.clock, phoneNumbers, scheduler));
    } catch (RuntimeException e) {
      scheduler.shutdownNow();
      throw e;
    }
    this.watcher = new CallWatcher(store, scheduler, b.watchPollMillis);
    this.inboundWatcher =
        new InboundWatcher(
            store, watcher, scheduler, b.watchPollMillis, config.wrapUp().editableFor());
    CallRecorder recorder =
        new CallRecorder(store, b.clock, watcher, inboundWatcher::changed, b.listeners);
    AccessRules access = new AccessRules(config.security());
    this.agents =
        new AgentLookup(b.agents != null ? b.agents : new ConfiguredAgents(config.agents()));
    this.reading = new CallReading(store, access);
    this.inboundCalling = new InboundCalling(store, reading, watcher);
    this.placing =
        new CallPlacing(
            agents,
            providers,
            phoneNumbers,
            dialRules(config, phoneNumbers),
            config.dialPolicy(),
            store,
            recorder,
            reading,
            config.wrapUp(),
            activity,
            b.clock);
    this.hangingUp = new HangingUp(reading, access, providers, store, recorder, activity, b.clock);
    this.verification = new WebhookVerification(config, b.clock);
    InboundRouter router = new InboundRouter(config.inbound(), agents, b.contacts, phoneNumbers);
    this.callerLookup = new CallerLookup(store, router, recorder, b.clock);
    this.applier =
        new InboxApplier(
            store, providers, recorder, router, callerLookup, b.clock, b.inboxPollInterval);
    this.inbox = new InboxWriter(store, applier::wake);
    this.clock = b.clock;
    this.deliveries = new DeliveryLog(b.clock, config.providers().keySet(), activity);
    gauges(b.metrics);
    this.ingestion = new WebhookIngestion(providers, inbox, deliveries, b.clock);
    this.reconciler = new Reconciler(config.store(), store, providers, recorder, activity, b.clock);
    this.reachability = new ProviderReachability(config, b.clock);
    DispositionCatalog catalog = b.dispositions != null ? b.dispositions : config::dispositions;
    this.wrappingUp =
        new WrappingUp(catalog, config.wrapUp(), store, providers, agents, recorder, b.clock);
  }

  private static ScheduledExecutorService newScheduler() {
    AtomicInteger threads = new AtomicInteger();
    return Executors.newScheduledThreadPool(
        2,
        r -> {
          Thread t = new Thread(r, "dialbridge-scheduler-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private static DialRules dialRules(DialbridgeConfig config, PhoneNumbers phoneNumbers) {
    return new DialRules(
        config.dialPolicy(),
        phoneNumbers.defaultRegion(),
        config.agents().values().stream()
            .map(AgentSettings::extension)
            .collect(Collectors.toSet()));
  }

  /** Starts building a Dialbridge for {@code config}. */
  public static Builder builder(DialbridgeConfig config) {
    return new Builder(config);
  }

  public DialbridgeConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- providers and agents

  /** The configured providers, described, in the configuration's order. */
  public List<ProviderDescription> providers() {
    return providers.describeAll();
  }

  /**
   * @throws DialbridgeException {@code provider_not_found}
   */
  public ProviderDescription provider(String name) {
    return providers.describe(name);
  }

  /**
   * The name people see for a provider: {@code dialbridge.providers.<name>.label}, else its name.
   */
  public String providerLabel(String provider) {
    return providers.label(provider);
  }

  /** The name people see for a CRM user: the agent directory's display name, else the user name. */
  public String agentName(String crmUser) {
    return agents.displayName(crmUser);
  }

  /** The agent a CRM user dials as, if they are mapped. */
  public Optional<Agent> agent(String crmUser) {
    return agents.find(crmUser);
  }

  // ---------------------------------------------------------------- placing and hanging up

  /**
   * Places a call from the actor's extension to the number, linked to the CRM contact. The call is
   * recorded before the provider is asked, so a webhook that beats the provider's answer still
   * finds it; one whose outcome is unknown is left live for the reconciler.
   *
   * @throws DialbridgeException {@code agent_not_mapped}, {@code invalid_request}, {@code
   *     invalid_number}, {@code number_not_allowed}, {@code agent_busy}, {@code rate_limited}, or
   *     the provider's error
   */
  public Call placeCall(Actor actor, PlaceCall call) {
    return placing.place(actor, call);
  }

  /**
   * Hangs up a live call at its provider: the actor's own call, or any call for an administrator.
   *
   * @throws DialbridgeException {@code call_not_found}, {@code forbidden}, {@code
   *     call_already_ended}, {@code hangup_unsupported}, {@code call_not_connected}, or the
   *     provider's error
   */
  public Call hangUp(Actor actor, String callId) {
    return hangingUp.hangUp(actor, callId);
  }

  // ---------------------------------------------------------------- reading

  /**
   * A call, for the host's own code (no access rule applies). @throws DialbridgeException {@code
   * call_not_found}
   */
  public Call call(String callId) {
    return reading.call(callId);
  }

  /**
   * A call as {@code actor} may read it ({@code dialbridge.security.history}).
   *
   * @throws DialbridgeException {@code call_not_found}, {@code forbidden}
   */
  public Call call(Actor actor, String callId) {
    return reading.call(actor, callId);
  }

  /** A call's events, oldest first. @throws DialbridgeException {@code call_not_found} */
  public List<CallEvent> events(String callId) {
    return reading.events(callId);
  }

  /** The actor's live call (the newest that has not ended), if they have one. */
  public Optional<Call> liveCall(Actor actor) {
    return reading.liveCall(actor);
  }

  /**
   * A contact's calls that {@code actor} may read, newest first.
   *
   * @param before the cursor of the previous page's {@code next}, or null (or blank) for the newest
   * @param limit 1 to 100
   * @throws DialbridgeException {@code invalid_request} for a limit out of range or a bad cursor
   */
  public HistoryPage history(Actor actor, String contactId, String before, int limit) {
    return reading.history(actor, contactId, before, limit);
  }

  /**
   * Calls {@code listener} with the call now (when it exists) and then with every change, made on
   * this node or stored by another. Listeners run on Dialbridge's thread and must not block.
   */
  public CallSubscription watch(String callId, Consumer<Call> listener) {
    return watcher.watch(callId, listener);
  }

  // ---------------------------------------------------------------- inbound calls

  /**
   * Tells {@code listener} of the inbound calls that ring for {@code actor}: those open now (a
   * replay), every new one, stored on this node or another, then each one's changes.
   */
  public CallSubscription watchInbound(Actor actor, InboundListener listener) {
    return inboundWatcher.watch(actor.user(), listener);
  }

  /** What Dialbridge keeps of those of {@code calls} that are inbound, by call id. */
  public Map<String, InboundDetails> inboundDetails(Collection<Call> calls) {
    return inboundCalling.details(calls);
  }

  /**
   * Links an inbound call whose number several contacts share to the one the agent chose.
   *
   * @throws DialbridgeException {@code call_not_found}, {@code forbidden}, {@code
   *     contact_not_a_match}, {@code contact_already_linked}
   */
  public Call chooseContact(Actor actor, String callId, String contactId) {
    return inboundCalling.chooseContact(actor, callId, contactId);
  }

  /** The agent's missed calls not called back or marked done, newest first (at most 100). */
  public List<InboundCall> missedCalls(Actor actor) {
    return inboundCalling.missed(actor);
  }

  /**
   * Marks a missed call done for every agent it rang for.
   *
   * @throws DialbridgeException {@code call_not_found}, {@code forbidden}, {@code call_not_missed}
   */
  public void markMissedDone(Actor actor, String callId) {
    inboundCalling.markDone(actor, callId);
  }

  /**
   * The inbound calls of the last 7 days nobody was mapped to, newest first (at most 100).
   *
   * @throws DialbridgeException {@code forbidden} for anyone but an administrator
   */
  public List<InboundCall> unroutedCalls(Actor actor) {
    return inboundCalling.unrouted(actor);
  }

  /** {@code dialbridge.inbound.*} as configured. */
  public InboundSettings inboundSettings() {
    return config.inbound();
  }

  /**
   * What is wrong, in detail, for administrators: {@link #health} plus each provider's last request
   * and webhook, the inbox's depth and lag, and the stuck calls.
   *
   * @throws DialbridgeException {@code forbidden} for anyone but an administrator; {@code
   *     store_unavailable} when the store does not answer (the plain health says so)
   */
  public DetailedHealth detailedHealth(Actor actor) {
    if (!actor.admin()) {
      throw new DialbridgeException(
          ErrorCode.FORBIDDEN, "Only an administrator sees Dialbridge's detailed health.");
    }
    Health health = health();
    Map<String, DetailedHealth.ProviderStatus> byProvider = new LinkedHashMap<>();
    for (String name : config.providers().keySet()) {
      ProviderActivity.Activity a = activity.of(name);
      List<DeliveryLog.Entry> last = deliveries.recent(name, null, 1);
      byProvider.put(
          name,
          new DetailedHealth.ProviderStatus(
              Boolean.TRUE.equals(health.providersUp().get(name)),
              a.lastSuccess(),
              a.lastFailure(),
              a.lastFailureCode(),
              last.isEmpty() ? null : last.get(0).at(),
              last.isEmpty() ? null : last.get(0).reason()));
    }
    InboxCounts inbox = store.inboxCounts();
    Instant now = clock.instant();
    double lag =
        store.oldestPending().map(t -> Duration.between(t, now).toMillis() / 1000.0).orElse(0.0);
    return new DetailedHealth(
        health,
        byProvider,
        inbox.pending(),
        inbox.parked(),
        lag,
        store.liveCallCount(),
        store.liveCallCount(now.minus(config.store().stuckAfter())));
  }

  /** Whether the call store answers now and each provider's host accepts connections. */
  public Health health() {
    return new Health(reading.storeUp(), reachability.check());
  }

  // ---------------------------------------------------------------- after the call

  /** The dispositions agents choose from, in order: the CRM's catalog, else the configured one. */
  public List<Disposition> dispositions() {
    return wrappingUp.dispositions();
  }

  /**
   * Saves the wrap-up of the actor's call (an administrator's: any call): the disposition's code
   * (or null for a note only), a note, and when to call back. Every save is kept as a {@code
   * WRAP_UP} event; listeners hear of it after it committed; a provider that keeps dispositions is
   * sent it, and what it said is part of the answer.
   *
   * @throws DialbridgeException {@code call_not_found}, {@code forbidden}, {@code
   *     wrap_up_not_open}, {@code wrap_up_closed}, {@code unknown_disposition}, {@code
   *     disposition_not_offered}, {@code callback_time_required}, {@code callback_time_in_past},
   *     {@code note_too_long}
   */
  public WrapUp wrapUp(
      Actor actor, String callId, String disposition, String note, Instant callbackAt) {
    return wrappingUp.save(actor, callId, disposition, note, callbackAt);
  }

  /** A call's wrap-up, if it has one (no access rule applies: check the call first). */
  public Optional<WrapUp> wrapUpOf(String callId) {
    return store.wrapUp(callId);
  }

  /**
   * The actor's call awaiting a wrap-up: their most recent call that ended within {@code
   * dialbridge.wrap-up.editable-for} without a disposition (with required wrap-up, answered calls
   * only), if any.
   */
  public Optional<CallWithWrapUp> awaitingWrapUp(Actor actor) {
    return wrappingUp.awaiting(actor);
  }

  /** The actor's open callbacks, soonest first. */
  public List<Callback> callbacks(Actor actor) {
    return wrappingUp.callbacks(actor);
  }

  // ---------------------------------------------------------------- webhooks

  /**
   * Authenticates one webhook delivery of {@code provider} by its headers (token, Basic, HMAC
   * signature, as the provider is configured), then appends each of its events to the inbox once,
   * and returns when they are durable. The events move their calls a moment later, on the inbox's
   * applier ({@link #awaitInboxApplied}).
   *
   * @throws WebhookAuthenticationException when no configured method accepts it (nothing stored)
   * @throws DialbridgeException {@code provider_not_found}; {@code webhook_unparseable} (nothing
   *     stored); {@code store_unavailable} (the sender should retry: a retry of an event stored
   *     after all is a duplicate)
   */
  public Delivery ingest(String provider, WebhookRequest request) {
    return ingest(provider, request, null);
  }

  /**
   * As {@link #ingest(String, WebhookRequest)}, for a delivery that may also carry its token as the
   * last segment of its URL ({@code <webhook-path>/<provider>/<token>}).
   *
   * @param pathToken that segment, or null
   */
  public Delivery ingest(String provider, WebhookRequest request, String pathToken) {
    return ingest(provider, request, pathToken, null);
  }

  /**
   * As {@link #ingest(String, WebhookRequest, String)}, keeping the sender's address in the
   * delivery log ({@link #deliveries}).
   */
  public Delivery ingest(
      String provider, WebhookRequest request, String pathToken, String remoteAddress) {
    long start = System.nanoTime();
    try (LogContext log = LogContext.of(provider, null)) {
      return ingestLogged(provider, request, pathToken, remoteAddress, start);
    }
  }

  private Delivery ingestLogged(
      String provider, WebhookRequest request, String pathToken, String remoteAddress, long start) {
    try {
      verification.verify(provider, request, pathToken);
    } catch (DialbridgeException e) {
      deliveries.refused(provider, e.errorCode(), e.getMessage(), null, remoteAddress);
      throw e;
    }
    Delivery delivery = ingestion.ingest(provider, request, remoteAddress);
    metrics.webhookIngested(provider, Duration.ofNanos(System.nanoTime() - start));
    return delivery;
  }

  /**
   * The metrics Dialbridge keeps ({@link Builder#metrics}), for a host's own streams and gauges to
   * join them.
   */
  public Metrics metrics() {
    return metrics;
  }

  /** What is read whenever the metrics are: the inbox, and the calls live now. */
  private void gauges(Metrics m) {
    if (!metricsGiven) return;
    m.gauge(
        "dialbridge.inbox.pending",
        "Webhook events accepted and not yet applied to their calls",
        () -> orNaN(() -> store.inboxCounts().pending()));
    m.gauge(
        "dialbridge.inbox.parked",
        "Webhook events set aside because they failed to apply",
        () -> orNaN(() -> store.inboxCounts().parked()));
    m.gauge(
        "dialbridge.inbox.lag",
        "Seconds the oldest waiting webhook event has waited to be applied (0 when none waits)",
        () ->
            orNaN(
                () ->
                    store
                        .oldestPending()
                        .map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0)
                        .orElse(0.0)));
    m.gauge(
        "dialbridge.calls.live",
        "Calls not ended yet, on every node",
        () -> orNaN(store::liveCallCount));
  }

  /** A gauge's value, NaN while the store does not answer (a scrape never fails). */
  private static Number orNaN(java.util.function.Supplier<Number> value) {
    try {
      return value.get();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * Keeps a delivery the host refused before Dialbridge read it (not a POST, too large, not JSON or
   * a form) in the delivery log.
   */
  public void refusedDelivery(
      String provider, ErrorCode code, String detail, String remoteAddress) {
    deliveries.refused(provider, code, detail, null, remoteAddress);
  }

  /**
   * The last webhook deliveries kept on this node, newest first (at most 1,000 per provider).
   *
   * @param provider one provider's, or null for all
   * @param outcome {@code accepted}, {@code refused}, a reason ({@code stored}, {@code duplicate},
   *     an error code such as {@code webhook_unauthenticated}), or null for all
   * @throws DialbridgeException {@code forbidden} for anyone but an administrator
   */
  public List<DeliveryLog.Entry> deliveries(
      Actor actor, String provider, String outcome, int limit) {
    if (!actor.admin()) {
      throw new DialbridgeException(
          ErrorCode.FORBIDDEN, "Only an administrator sees the webhook deliveries.");
    }
    return deliveries.recent(provider, outcome, Math.max(1, Math.min(limit, 1_000)));
  }

  /**
   * Stores a delivery whose sender the host has authenticated already (a queue it trusts, a
   * benchmark): as {@link #ingest(String, WebhookRequest)} without the authentication.
   */
  public Delivery ingestWithoutVerification(String provider, WebhookRequest request) {
    return ingestion.ingest(provider, request, null);
  }

  /**
   * Waits until no accepted webhook event is waiting to be applied and the changes applied have
   * been told (a test's, or a host's before it stops).
   *
   * @return false when events still wait after {@code timeout}
   */
  public boolean awaitInboxApplied(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      // busy before and after: a batch claimed (pending 0) is not done until its changes are told
      if (!applier.busy() && store.inboxCounts().pending() == 0 && !applier.busy()) return true;
      if (System.nanoTime() > deadline) return false;
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /**
   * Inbox events that failed to apply, newest first, for an administrator.
   *
   * @throws DialbridgeException {@code forbidden} for anyone else
   */
  public List<ParkedEvent> parkedEvents(Actor actor, int limit) {
    requireAdmin(actor);
    return store.parkedEvents(Math.max(1, Math.min(limit, 500)));
  }

  /**
   * Puts a parked event back in line, for an administrator once its cause is fixed.
   *
   * @throws DialbridgeException {@code forbidden}; {@code not_found} when no event by that id is
   *     parked
   */
  public void retryParked(Actor actor, long id) {
    requireAdmin(actor);
    if (!store.retryParked(id)) {
      throw new DialbridgeException(ErrorCode.NOT_FOUND, "No parked event has the id " + id + ".");
    }
    applier.wake();
  }

  /** How many accepted webhook events wait to be applied, and how many are parked. */
  public InboxCounts inboxCounts() {
    return store.inboxCounts();
  }

  private static void requireAdmin(Actor actor) {
    if (!actor.admin()) {
      throw new DialbridgeException(
          ErrorCode.FORBIDDEN, "Only an administrator may see and retry parked webhook events.");
    }
  }

  // ---------------------------------------------------------------- reconciling

  /**
   * Starts reconciling calls that stay live longer than {@code dialbridge.store.stuck-after}, every
   * {@code dialbridge.store.reconcile-every}. Idempotent.
   */
  public void startReconciler() {
    reconciler.start(scheduler);
  }

  /**
   * One reconciler pass: each call live after {@code stuck-after} is closed with the status its
   * provider reports, else as {@code FAILED} ({@code no_final_event}); once, however many nodes run
   * it.
   *
   * @return the number of calls closed by this pass
   */
  public int reconcile() {
    return reconciler.pass();
  }

  @Override
  public void close() {
    inbox.close();
    applier.close();
    callerLookup.close();
    reconciler.close();
    inboundWatcher.close();
    watcher.close();
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    providers.close();
    store.close();
  }

  /** Builds a {@link Dialbridge}; only the configuration is required. */
  public static final class Builder {
    private final DialbridgeConfig config;
    private Clock clock = Clock.systemUTC();
    private AgentDirectory agents;
    private ContactDirectory contacts = ContactDirectory.NONE;
    private Metrics metrics = Metrics.NONE;
    private DispositionCatalog dispositions;
    private final List<CallListener> listeners = new ArrayList<>();
    private DataSource dataSource;
    private ProviderFactories factories =
        ProviderFactories.discover(Dialbridge.class.getClassLoader());
    private long watchPollMillis = 500;
    private Duration inboxPollInterval = Duration.ofSeconds(1);

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

    /**
     * Where Dialbridge's metrics go (docs/operations.md): {@code new MicrometerMetrics(registry)}
     * for a Micrometer registry; none by default.
     */
    public Builder metrics(Metrics metrics) {
      this.metrics = metrics == null ? Metrics.NONE : metrics;
      return this;
    }

    public Builder contactDirectory(ContactDirectory contacts) {
      this.contacts = contacts == null ? ContactDirectory.NONE : contacts;
      return this;
    }

    /** Where dispositions come from; default: {@code dialbridge.dispositions.*}. */
    public Builder dispositionCatalog(DispositionCatalog dispositions) {
      this.dispositions = dispositions;
      return this;
    }

    public Builder listener(CallListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /**
     * Adds the host's extension points found by {@link ServiceLoader} ({@link AgentDirectory},
     * {@link ContactDirectory}, {@link DispositionCatalog}, {@link CallListener}) where none was
     * set explicitly.
     */
    public Builder discoverExtensions(ClassLoader loader) {
      if (dispositions == null) {
        ServiceLoader.load(DispositionCatalog.class, loader)
            .findFirst()
            .ifPresent(d -> dispositions = d);
      }
      if (agents == null)
        ServiceLoader.load(AgentDirectory.class, loader).findFirst().ifPresent(a -> agents = a);
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

    /**
     * How often the inbox's applier looks for events it was not woken for: accepted by another node
     * that stopped before applying them (default 1 s).
     */
    public Builder inboxPollInterval(Duration interval) {
      this.inboxPollInterval = Objects.requireNonNull(interval, "interval == null");
      return this;
    }

    public Dialbridge build() {
      return new Dialbridge(this);
    }
  }
}
