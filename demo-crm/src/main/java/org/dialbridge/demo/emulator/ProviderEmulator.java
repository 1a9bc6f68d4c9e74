package org.dialbridge.demo.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * A local stand-in for the four telephony providers: one HTTP server that speaks each provider's
 * documented API under its own prefix ({@code /c3}, {@code /bemmelhor}, {@code /bandwidth/v1},
 * {@code /ucontact}; a provider's base URL is {@link #baseUri()} plus the prefix) and posts the
 * provider's documented webhooks back to Dialbridge as each emulated call progresses.
 *
 * <p>Every call runs dialing → ringing → answered → hang-up on the settings' {@link
 * EmulatorSettings.Timing}, unless the dialled number's last digits pick another {@link Outcome}:
 * {@code …0002} busy, {@code …0003} no answer, {@code …0004} failure (unallocated number), {@code
 * …0005} rejected. Where a provider documents no event for a phase (C3 none at all; BemMelhor no
 * ringing or answered; uContact no dialing, ringing or answered), Dialbridge's generic event is
 * posted instead, the way a customer's PBX may post its own.
 *
 * <p>{@link #ring} (or {@code POST /emulator/ring}) makes an agent's phone ring with an inbound
 * call from a given number, told to Dialbridge as Bandwidth or the generic format tells of one,
 * ending as a {@link RingOutcome} says.
 *
 * <p>Webhooks of one call are posted in order; a transport failure, 408, 429 or 5xx is retried up
 * to four attempts with doubling back-off. The last 10,000 requests and webhooks are kept for
 * {@link #apiCalls()} and {@link #sentWebhooks()}; calls are forgotten 30 minutes after they end.
 *
 * <p>All work runs on one scheduler and one small HTTP thread pool, all daemon threads named {@code
 * provider-emulator-…}; {@link #close()} stops them all. (The JDK's HTTP client that posts webhooks
 * runs on that scheduler too, but keeps one selector thread of its own, which JDK 21+ stops on
 * close and JDK 17 once the emulator is garbage-collected.)
 */
public final class ProviderEmulator implements AutoCloseable {
  /** The prefix of every thread the emulator starts. */
  public static final String THREAD_PREFIX = "provider-emulator-";

  private static final System.Logger LOG = System.getLogger(ProviderEmulator.class.getName());
  private static final int RECORD_LIMIT = 10_000;
  private static final Duration RETENTION = Duration.ofMinutes(30);

  /** Where the emulator's own controls are mounted ({@link ControlApi}). */
  public static final String CONTROL_PREFIX = "/emulator";

  private final Server server;
  private final ScheduledThreadPoolExecutor scheduler;
  private final WebhookSender webhooks;
  private final int port;
  private final URI baseUri;
  private final Recorder<RecordedApiCall> apiCalls;
  private final Recorder<SentWebhook> sentWebhooks;
  private final ControlApi control;

  private ProviderEmulator(
      Server server,
      ScheduledThreadPoolExecutor scheduler,
      WebhookSender webhooks,
      int port,
      URI baseUri,
      Recorder<RecordedApiCall> apiCalls,
      Recorder<SentWebhook> sentWebhooks,
      ControlApi control) {
    this.server = server;
    this.control = control;
    this.scheduler = scheduler;
    this.webhooks = webhooks;
    this.port = port;
    this.baseUri = baseUri;
    this.apiCalls = apiCalls;
    this.sentWebhooks = sentWebhooks;
  }

  /**
   * Starts an emulator listening as {@code settings} say. @throws UncheckedIOException when the
   * port cannot be bound
   */
  public static ProviderEmulator start(EmulatorSettings settings) {
    Objects.requireNonNull(settings, "settings == null");
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(2, daemonThreads("scheduler"));
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    // the client runs its async work on our scheduler, so that closing the emulator stops it too
    HttpClient client =
        HttpClient.newBuilder()
            .executor(scheduler)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    Recorder<RecordedApiCall> apiCalls = new Recorder<>(RECORD_LIMIT);
    Recorder<SentWebhook> sentWebhooks = new Recorder<>(RECORD_LIMIT);
    WebhookSender webhooks =
        new WebhookSender(client, scheduler, settings.timing(), sentWebhooks::add);
    EmulatorContext context =
        new EmulatorContext(scheduler, settings.timing(), settings.clock(), webhooks);

    Map<String, ProviderApi> apis = new LinkedHashMap<>();
    Map<String, ProviderApi> apisByName = new LinkedHashMap<>();
    Map<String, String> prefixByName = new LinkedHashMap<>();
    for (ProviderSettings provider : settings.providers()) {
      ProviderApi api = api(provider, context);
      apis.put(provider.type().prefix(), api);
      apisByName.put(provider.name(), api);
      prefixByName.put(provider.name(), provider.type().prefix());
    }
    URI[] bound = new URI[1];
    ControlApi control =
        new ControlApi(apisByName, name -> URI.create(bound[0] + prefixByName.get(name)));
    apis.put(CONTROL_PREFIX, control);

    QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    threads.setName(THREAD_PREFIX + "http");
    threads.setDaemon(true);
    Server server = new Server(threads, new ScheduledExecutorScheduler(scheduler), null);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    server.addConnector(connector);
    server.setHandler(new EmulatorHandler(apis, apiCalls::add));
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      scheduler.shutdownNow();
      webhooks.close();
      throw new UncheckedIOException(
          "Provider emulator could not listen on " + settings.host() + ":" + settings.port(),
          e instanceof IOException io ? io : new IOException(e));
    }
    int port = connector.getLocalPort();
    URI baseUri = URI.create("http://" + hostForUri(settings.host()) + ":" + port);
    bound[0] = baseUri;
    scheduler.scheduleWithFixedDelay(
        () -> {
          var cutoff = settings.clock().instant().minus(RETENTION);
          apis.values().forEach(api -> api.forgetCallsEndedBefore(cutoff));
        },
        1,
        1,
        TimeUnit.MINUTES);
    LOG.log(
        Level.INFO,
        () ->
            "Provider emulator listening on "
                + baseUri
                + ": "
                + settings.providers().stream()
                    .map(p -> p.name() + " (" + p.type() + ") at " + p.type().prefix())
                    .collect(Collectors.joining(", ")));
    return new ProviderEmulator(
        server, scheduler, webhooks, port, baseUri, apiCalls, sentWebhooks, control);
  }

  private static ProviderApi api(ProviderSettings provider, EmulatorContext context) {
    if (provider instanceof ProviderSettings.C3 c3) return new C3Api(c3, context);
    if (provider instanceof ProviderSettings.BemMelhor bemMelhor)
      return new BemMelhorApi(bemMelhor, context);
    if (provider instanceof ProviderSettings.Bandwidth bandwidth)
      return new BandwidthApi(bandwidth, context);
    if (provider instanceof ProviderSettings.BandwidthV2 bandwidthV2)
      return new BandwidthV2Api(bandwidthV2, context);
    if (provider instanceof ProviderSettings.UContact uContact)
      return new UContactApi(uContact, context);
    throw new IllegalArgumentException("unknown provider settings " + provider.getClass());
  }

  /** The port the emulator listens on (the one chosen when the settings asked for 0). */
  public int port() {
    return port;
  }

  /** {@code http://<host>:<port>}; a provider's base URL is this plus its type's prefix. */
  public URI baseUri() {
    return baseUri;
  }

  /**
   * The base URL to configure for a provider of {@code type}, e.g. {@code
   * http://127.0.0.1:8089/c3}.
   */
  public URI baseUri(ProviderSettings.Type type) {
    return URI.create(baseUri + type.prefix());
  }

  /**
   * Rings an agent: a customer calls {@code ring.to()} from {@code ring.from()}, told to Dialbridge
   * as the provider named {@code provider} tells of inbound calls (Bandwidth {@code incomingcall};
   * C3 and BemMelhor the generic format). Also {@code POST /emulator/ring} ({@link #baseUri()}).
   *
   * @return the provider's id of the call
   * @throws IllegalArgumentException when no provider is configured under that name
   * @throws IllegalStateException when that provider reports no inbound calls (uContact)
   */
  public String ring(String provider, Ring ring) {
    return control.ring(provider, ring);
  }

  /** Every request received so far (the last 10,000), oldest first. */
  public List<RecordedApiCall> apiCalls() {
    return apiCalls.snapshot();
  }

  /** Every webhook finished so far (delivered or given up; the last 10,000), oldest first. */
  public List<SentWebhook> sentWebhooks() {
    return sentWebhooks.snapshot();
  }

  /**
   * Stops the server, abandons calls in progress and their pending webhooks, and ends every thread
   * it started.
   */
  @Override
  public void close() {
    stopQuietly(server);
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.log(Level.WARNING, "Provider emulator scheduler did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    webhooks.close();
    LOG.log(Level.INFO, () -> "Provider emulator on " + baseUri + " stopped");
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Provider emulator server did not stop cleanly", e);
    }
  }

  private static String hostForUri(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static ThreadFactory daemonThreads(String role) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, THREAD_PREFIX + role + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
