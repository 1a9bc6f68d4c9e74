package org.dialbridge.demo.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link ProviderEmulator} listens, how fast its calls progress, and which providers it
 * emulates (at most one per {@link ProviderSettings.Type}, because each family has one path
 * prefix).
 *
 * @param host the address to bind, {@code 127.0.0.1} by default
 * @param port the port to bind, {@code 0} for any free port
 * @param timing how long each phase of a call lasts
 * @param clock the time stamped into webhooks and responses
 * @param providers the providers to emulate; a family with none configured answers 404
 */
public record EmulatorSettings(
    String host, int port, Timing timing, Clock clock, List<ProviderSettings> providers) {

  /** The C3 Bearer token of {@link #defaults}. */
  public static final String DEMO_C3_TOKEN = "demo-c3-token";

  /**
   * The BemMelhor {@code clientId} of {@link #defaults} (the one BemMelhor's documentation shows).
   */
  public static final String DEMO_BEMMELHOR_CLIENT_ID = "e57575aa-8995-43b6-8942-31e6e9135a25";

  /** The Bandwidth user id of {@link #defaults}. */
  public static final String DEMO_BANDWIDTH_USER_ID = "u-demo7d2c41";

  /** The Bandwidth API token (Basic user name) of {@link #defaults}. */
  public static final String DEMO_BANDWIDTH_API_TOKEN = "t-demo3f7a9e21";

  /** The Bandwidth API secret (Basic password) of {@link #defaults}. */
  public static final String DEMO_BANDWIDTH_API_SECRET = "demo-bandwidth-secret";

  /**
   * The Basic user name in the Bandwidth {@code incomingCallUrl} of {@link #defaults} (the demo's
   * {@code webhook-basic-user}).
   */
  public static final String DEMO_BANDWIDTH_WEBHOOK_USER = "bandwidth";

  /** That URL's Basic password (the demo's {@code webhook-basic-password}). */
  public static final String DEMO_BANDWIDTH_WEBHOOK_PASSWORD = "demo-bandwidth-webhook-password";

  /** The Bandwidth v2 account id of {@link #defaults}. */
  public static final String DEMO_BANDWIDTH_V2_ACCOUNT_ID = "9900000";

  /** The Bandwidth v2 API user (Basic user name) of {@link #defaults}. */
  public static final String DEMO_BANDWIDTH_V2_USERNAME = "demo-api-user";

  /** The Bandwidth v2 API password (Basic password) of {@link #defaults}. */
  public static final String DEMO_BANDWIDTH_V2_PASSWORD = "demo-bandwidth-v2-password";

  /** The Basic user name Bandwidth v2 calls back with (the demo's {@code webhook-basic-user}). */
  public static final String DEMO_BANDWIDTH_V2_WEBHOOK_USER = "bandwidth-v2";

  /** Its password (the demo's {@code webhook-basic-password}). */
  public static final String DEMO_BANDWIDTH_V2_WEBHOOK_PASSWORD =
      "demo-bandwidth-v2-webhook-password";

  /** The uContact user of {@link #defaults}, for {@code getUserToken}. */
  public static final String DEMO_UCONTACT_USER = "demo";

  /** That user's password. */
  public static final String DEMO_UCONTACT_PASSWORD = "demo-ucontact-password";

  /** The uContact token of {@link #defaults}: like a real one, {@code base64(user:uuid)}. */
  public static final String DEMO_UCONTACT_TOKEN =
      Base64.getEncoder()
          .encodeToString(
              (DEMO_UCONTACT_USER + ":0f5c7b1e-3d1a-4c55-9a8e-6b2f0e4d7c31")
                  .getBytes(StandardCharsets.UTF_8));

  public EmulatorSettings {
    Objects.requireNonNull(host, "host == null");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    Objects.requireNonNull(timing, "timing == null");
    Objects.requireNonNull(clock, "clock == null");
    providers = List.copyOf(Objects.requireNonNull(providers, "providers == null"));
    Set<String> names = new HashSet<>();
    Set<ProviderSettings.Type> types = EnumSet.noneOf(ProviderSettings.Type.class);
    for (ProviderSettings provider : providers) {
      if (!names.add(provider.name())) {
        throw new IllegalArgumentException(
            "provider name '" + provider.name() + "' configured twice");
      }
      if (!types.add(provider.type())) {
        throw new IllegalArgumentException(
            "two providers of type "
                + provider.type()
                + ": each family has one path prefix ("
                + provider.type().prefix()
                + ")");
      }
    }
  }

  /**
   * The demo's settings: all five providers under their type's name ({@code c3}, {@code bemmelhor},
   * {@code bandwidth}, {@code bandwidth-v2}, {@code ucontact}) with the {@code DEMO_*} credentials,
   * webhooks posted to {@code <dialbridgeBaseUrl>/webhooks/<name>} with {@code X-Dialbridge-Token:
   * demo-<name>-webhook-token} (Bandwidth: to each call's {@code callbackUrl}, and inbound calls to
   * {@code <dialbridgeBaseUrl>/webhooks/bandwidth} with the {@code DEMO_BANDWIDTH_WEBHOOK_*} Basic
   * credentials), realistic timing, any free port on 127.0.0.1.
   *
   * @param dialbridgeBaseUrl where Dialbridge is mounted, e.g. {@code
   *     http://localhost:8080/dialbridge}
   */
  public static EmulatorSettings defaults(URI dialbridgeBaseUrl) {
    Objects.requireNonNull(dialbridgeBaseUrl, "dialbridgeBaseUrl == null");
    String base = dialbridgeBaseUrl.toString().replaceAll("/+$", "");
    return new EmulatorSettings(
        "127.0.0.1",
        0,
        Timing.realistic(),
        Clock.systemUTC(),
        List.of(
            new ProviderSettings.C3(
                "c3", URI.create(base + "/webhooks/c3"), demoWebhookToken("c3"), DEMO_C3_TOKEN),
            new ProviderSettings.BemMelhor(
                "bemmelhor",
                URI.create(base + "/webhooks/bemmelhor"),
                demoWebhookToken("bemmelhor"),
                DEMO_BEMMELHOR_CLIENT_ID),
            new ProviderSettings.Bandwidth(
                "bandwidth",
                DEMO_BANDWIDTH_USER_ID,
                DEMO_BANDWIDTH_API_TOKEN,
                DEMO_BANDWIDTH_API_SECRET,
                withUserInfo(
                    URI.create(base + "/webhooks/bandwidth"),
                    DEMO_BANDWIDTH_WEBHOOK_USER,
                    DEMO_BANDWIDTH_WEBHOOK_PASSWORD)),
            new ProviderSettings.BandwidthV2(
                "bandwidth-v2",
                DEMO_BANDWIDTH_V2_ACCOUNT_ID,
                DEMO_BANDWIDTH_V2_USERNAME,
                DEMO_BANDWIDTH_V2_PASSWORD,
                URI.create(base + "/webhooks/bandwidth-v2"),
                DEMO_BANDWIDTH_V2_WEBHOOK_USER,
                DEMO_BANDWIDTH_V2_WEBHOOK_PASSWORD),
            new ProviderSettings.UContact(
                "ucontact",
                URI.create(base + "/webhooks/ucontact"),
                demoWebhookToken("ucontact"),
                DEMO_UCONTACT_TOKEN,
                DEMO_UCONTACT_USER,
                DEMO_UCONTACT_PASSWORD)));
  }

  private static URI withUserInfo(URI url, String user, String password) {
    try {
      return new URI(
          url.getScheme(),
          user + ":" + password,
          url.getHost(),
          url.getPort(),
          url.getPath(),
          url.getQuery(),
          null);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + url, e);
    }
  }

  /**
   * The webhook token {@link #defaults} gives provider {@code name}: {@code
   * demo-<name>-webhook-token}.
   */
  public static String demoWebhookToken(String name) {
    return "demo-" + name + "-webhook-token";
  }

  /** These settings listening on {@code port} instead. */
  public EmulatorSettings withPort(int port) {
    return new EmulatorSettings(host, port, timing, clock, providers);
  }

  /** These settings with another timing (e.g. {@link Timing#fast()} in tests). */
  public EmulatorSettings withTiming(Timing timing) {
    return new EmulatorSettings(host, port, timing, clock, providers);
  }

  /** These settings stamping times from {@code clock}. */
  public EmulatorSettings withClock(Clock clock) {
    return new EmulatorSettings(host, port, timing, clock, providers);
  }

  /** These settings emulating {@code providers} instead. */
  public EmulatorSettings withProviders(List<ProviderSettings> providers) {
    return new EmulatorSettings(host, port, timing, clock, providers);
  }

  /** The provider configured under {@code name}. */
  public Optional<ProviderSettings> provider(String name) {
    return providers.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * How long each phase of an emulated call lasts. Every delay runs from the previous phase, varies
   * by ±20% so that calls do not move in lock-step, and is multiplied by {@code scale}.
   *
   * @param dialingAfter response → the dialing event ("immediately", just after the response left)
   * @param ringingAfter dialing → ringing; also dialing → the end of a busy or failed call
   * @param answeredAfter ringing → answered; also ringing → the end of a rejected call
   * @param agentAnswerAfter ringing → answered for a Bandwidth agent leg (the agent picks up)
   * @param noAnswerAfter ringing → the end of an unanswered call
   * @param talkMin the shortest talk time of an answered call nobody hangs up
   * @param talkMax the longest such talk time
   * @param retryBackoff the first pause before a failed webhook is retried (then doubled)
   * @param scale multiplies every delay above, e.g. {@code 0.1} for a ten times faster demo
   */
  public record Timing(
      Duration dialingAfter,
      Duration ringingAfter,
      Duration answeredAfter,
      Duration agentAnswerAfter,
      Duration noAnswerAfter,
      Duration talkMin,
      Duration talkMax,
      Duration retryBackoff,
      double scale) {
    public Timing {
      requireNonNegative(dialingAfter, "dialingAfter");
      requireNonNegative(ringingAfter, "ringingAfter");
      requireNonNegative(answeredAfter, "answeredAfter");
      requireNonNegative(agentAnswerAfter, "agentAnswerAfter");
      requireNonNegative(noAnswerAfter, "noAnswerAfter");
      requireNonNegative(talkMin, "talkMin");
      requireNonNegative(talkMax, "talkMax");
      requireNonNegative(retryBackoff, "retryBackoff");
      if (talkMax.compareTo(talkMin) < 0) throw new IllegalArgumentException("talkMax < talkMin");
      if (!(scale > 0) || Double.isInfinite(scale))
        throw new IllegalArgumentException("scale must be > 0: " + scale);
    }

    /**
     * Like a real call: dialing at once, ringing after ~0.5 s, answered ~2 s later (a Bandwidth
     * agent after ~1 s), 8–20 s of talk, an unanswered phone rings ~6 s; webhook retries after 1,
     * 2, 4 s.
     */
    public static Timing realistic() {
      return new Timing(
          Duration.ofMillis(100),
          Duration.ofMillis(500),
          Duration.ofSeconds(2),
          Duration.ofSeconds(1),
          Duration.ofSeconds(6),
          Duration.ofSeconds(8),
          Duration.ofSeconds(20),
          Duration.ofSeconds(1),
          1.0);
    }

    /** Every phase in 50–200 ms, for tests. */
    public static Timing fast() {
      return new Timing(
          Duration.ofMillis(50),
          Duration.ofMillis(50),
          Duration.ofMillis(100),
          Duration.ofMillis(80),
          Duration.ofMillis(200),
          Duration.ofMillis(150),
          Duration.ofMillis(200),
          Duration.ofMillis(50),
          1.0);
    }

    /** This timing with every delay multiplied by {@code scale}. */
    public Timing withScale(double scale) {
      return new Timing(
          dialingAfter,
          ringingAfter,
          answeredAfter,
          agentAnswerAfter,
          noAnswerAfter,
          talkMin,
          talkMax,
          retryBackoff,
          scale);
    }

    /** This timing with answered calls talking between {@code min} and {@code max}. */
    public Timing withTalkTime(Duration min, Duration max) {
      return new Timing(
          dialingAfter,
          ringingAfter,
          answeredAfter,
          agentAnswerAfter,
          noAnswerAfter,
          min,
          max,
          retryBackoff,
          scale);
    }

    private static void requireNonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative()) throw new IllegalArgumentException(name + " is negative: " + d);
    }
  }
}
