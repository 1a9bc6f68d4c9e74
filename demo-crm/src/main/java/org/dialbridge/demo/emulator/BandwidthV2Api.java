package org.dialbridge.demo.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bandwidth voice API v2, mounted so that its base URL ends in {@code /api/v2} as the documented
 * one does. HTTP Basic {@code username:password} on every request (401 otherwise); errors are
 * {@code {"type","description"}}.
 *
 * <ul>
 *   <li>{@code POST /accounts/{accountId}/calls} {@code {"from","to","applicationId","answerUrl",
 *       "disconnectUrl","username","password","callTimeout","tag"}} → 201, {@code Location}, JSON
 *       with {@code callId}. The leg (the agent's) rings and is answered ~1 s later: {@code answer}
 *       to {@code answerUrl}, and the BXML that callback is answered with is acted on: a {@code
 *       <Transfer>} rings its first {@code <PhoneNumber>} or {@code <SipUri>} (ending as its
 *       number's {@link Outcome} says), which posts {@code transferAnswer} and {@code
 *       transferDisconnect} to the URLs and with the credentials the BXML gives; when it ends, the
 *       first leg gets {@code transferComplete} and hangs up ({@code disconnect}). No BXML: the leg
 *       hangs up.
 *   <li>{@code POST /accounts/{accountId}/calls/{callId}} {@code {"state":"completed"}} → 200 and
 *       the leg hangs up (its bridged leg with it); unknown → 404; already over → 409.
 *   <li>{@code GET /accounts/{accountId}/calls/{callId}} → the documented call state.
 * </ul>
 *
 * An inbound call posts {@code initiate} to the application's call-initiated URL and acts on its
 * BXML the same way: a transfer rings the agent.
 */
final class BandwidthV2Api implements ProviderApi {
  private static final System.Logger LOG = System.getLogger(BandwidthV2Api.class.getName());
  private static final Pattern CALLS = Pattern.compile("/accounts/([^/]+)/calls");
  private static final Pattern CALL = Pattern.compile("/accounts/([^/]+)/calls/([^/]+)");
  private static final int DEFAULT_CALL_TIMEOUT = 30;

  /** The id of the application the emulated numbers belong to. */
  static final String APPLICATION_ID = "04e88489-df02-4e34-a0ee-27a91849555f";

  /** How long an inbound caller waits for a transfer before giving up (scaled). */
  private static final Duration UNTRANSFERRED_GIVE_UP = Duration.ofSeconds(30);

  private final ProviderSettings.BandwidthV2 settings;
  private final EmulatorContext context;
  private final Map<String, BandwidthV2Leg> legs = new ConcurrentHashMap<>();

  BandwidthV2Api(ProviderSettings.BandwidthV2 settings, EmulatorContext context) {
    this.settings = settings;
    this.context = context;
  }

  @Override
  public Reply handle(ApiRequest request) {
    if (!request.hasBasicCredentials(settings.username(), settings.password())) {
      return error(401, "authentication-error", "The credentials are invalid");
    }
    Matcher m;
    if ((m = CALLS.matcher(request.path())).matches()) {
      if (!request.method().equals("POST")) return Reply.methodNotAllowed();
      return knownAccount(m.group(1)) ? create(request) : forbidden(m.group(1));
    }
    if ((m = CALL.matcher(request.path())).matches()) {
      if (!knownAccount(m.group(1))) return forbidden(m.group(1));
      BandwidthV2Leg leg = legs.get(m.group(2));
      if (leg == null) return error(404, "not-found", "The call " + m.group(2) + " was not found");
      return switch (request.method()) {
        case "GET" -> Reply.json(200, leg.resource());
        case "POST" -> update(request, leg);
        default -> Reply.methodNotAllowed();
      };
    }
    return Reply.notFound();
  }

  private Reply create(ApiRequest request) {
    Optional<ObjectNode> parsed = Json.parseObject(request.body());
    if (parsed.isEmpty()) return error(400, "validation", "The body is not a JSON object");
    ObjectNode body = parsed.get();
    for (String required : new String[] {"to", "from", "applicationId", "answerUrl"}) {
      if (Json.text(body, required).isEmpty()) {
        return error(400, "validation", "The property '" + required + "' is required");
      }
    }
    Optional<URI> answerUrl = url(Json.text(body, "answerUrl").get());
    if (answerUrl.isEmpty()) {
      return error(400, "validation", "answerUrl must be an absolute http(s) URL");
    }
    URI disconnectUrl = Json.text(body, "disconnectUrl").flatMap(BandwidthV2Api::url).orElse(null);
    int callTimeout = DEFAULT_CALL_TIMEOUT;
    JsonNode timeout = body.get("callTimeout");
    if (timeout != null && !timeout.isNull()) {
      if (!timeout.canConvertToInt() || timeout.asInt() < 1 || timeout.asInt() > 300) {
        return error(400, "validation", "callTimeout must be between 1 and 300 seconds");
      }
      callTimeout = timeout.asInt();
    }
    Optional<String> tag = Json.text(body, "tag");
    if (tag.isPresent() && tag.get().length() > 4096) {
      return error(400, "validation", "tag may not exceed 4096 characters");
    }
    String to = Json.text(body, "to").get();
    BandwidthV2Leg leg =
        new BandwidthV2Leg(
            request.base(),
            settings.accountId(),
            Json.text(body, "applicationId").get(),
            Json.text(body, "from").get(),
            to,
            tag.orElse(null),
            false,
            new BandwidthV2Leg.Callbacks(
                answerUrl.get(),
                disconnectUrl,
                Json.text(body, "username").orElse(null),
                Json.text(body, "password").orElse(null)),
            callTimeout,
            context.webhooks().channel(),
            context.timing().agentAnswerAfter(),
            context.timing().answeredAfter(),
            null,
            settings.name(),
            context,
            Outcome.forNumber(to),
            null);
    legs.put(leg.id, leg);
    LOG.log(Level.DEBUG, () -> "Bandwidth v2 call " + leg.id + " → " + Numbers.mask(to));
    ObjectNode created =
        Json.object()
            .put("applicationId", leg.applicationId)
            .put("accountId", settings.accountId())
            .put("callId", leg.id)
            .put("to", to)
            .put("from", leg.from)
            .put("enqueuedTime", Instant.now(context.clock()).toString())
            .put("callUrl", leg.uri.toString())
            .put("callTimeout", callTimeout)
            .put("answerUrl", answerUrl.get().toString());
    if (leg.tag != null) created.put("tag", leg.tag);
    return Reply.json(201, created)
        .withHeader("Location", leg.uri.toString())
        .then(leg.call::start);
  }

  private Reply update(ApiRequest request, BandwidthV2Leg leg) {
    Optional<ObjectNode> body = Json.parseObject(request.body());
    if (body.isEmpty()) return error(400, "validation", "The body is not a JSON object");
    Optional<String> state = Json.text(body.get(), "state");
    if (state.isEmpty()) return error(400, "validation", "The property 'state' is required");
    if (!state.get().equals("completed")) {
      return error(400, "validation", "A call cannot be set to state " + state.get());
    }
    return leg.call.hangUp()
        ? Reply.empty(200)
        : error(409, "conflict", "The call " + leg.id + " is already disconnected");
  }

  /**
   * The caller's leg of an inbound call: answered at once, {@code initiate} posted to the
   * application's call-initiated URL, its BXML acted on.
   *
   * @throws IllegalStateException when the settings have no call-initiated URL
   */
  @Override
  public Optional<String> ring(Ring ring, URI base) {
    if (settings.initiateUrl() == null) {
      throw new IllegalStateException(
          settings.name() + " has no call-initiated URL: it cannot ring an agent");
    }
    BandwidthV2Leg leg =
        new BandwidthV2Leg(
            base,
            settings.accountId(),
            APPLICATION_ID,
            ring.from(),
            ring.to(),
            null,
            true,
            new BandwidthV2Leg.Callbacks(
                null, settings.initiateUrl(), settings.webhookUser(), settings.webhookPassword()),
            DEFAULT_CALL_TIMEOUT,
            context.webhooks().channel(),
            context.timing().answeredAfter(),
            context.timing().answeredAfter(),
            null,
            settings.name(),
            context,
            Outcome.ANSWERED,
            ring.outcome().agentLeg());
    synchronized (leg) {
      leg.call.answerAtOnce();
      legs.put(leg.id, leg);
      leg.initiate(settings.initiateUrl());
    }
    if (ring.outcome() == RingOutcome.CALLER_HANGS_UP) {
      context.schedule(
          context.delayMillis(context.timing().answeredAfter().multipliedBy(2)), leg.call::hangUp);
    }
    context.schedule(
        context.delayMillis(UNTRANSFERRED_GIVE_UP),
        () -> {
          if (leg.transferredTo == null) leg.call.hangUp();
        });
    LOG.log(
        Level.DEBUG,
        () -> "Bandwidth v2 incoming call " + leg.id + " from " + Numbers.mask(ring.from()));
    return Optional.of(leg.id);
  }

  private boolean knownAccount(String accountId) {
    return settings.accountId().equals(accountId);
  }

  private static Reply forbidden(String accountId) {
    return error(403, "authorization-error", "No access to account " + accountId);
  }

  private static Optional<URI> url(String value) {
    try {
      URI uri = URI.create(value);
      return uri.getHost() != null
              && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          ? Optional.of(uri)
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Reply error(int status, String type, String description) {
    return Reply.json(status, Json.object().put("type", type).put("description", description));
  }

  @Override
  public void forgetCallsEndedBefore(Instant cutoff) {
    legs.values().removeIf(leg -> leg.call.endedBefore(cutoff));
  }
}
