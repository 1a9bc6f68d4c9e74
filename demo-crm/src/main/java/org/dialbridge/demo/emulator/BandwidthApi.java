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
 * Bandwidth voice API v1 ("Catapult"), mounted so that its base URL ends in {@code /v1} as the
 * documented one does. HTTP Basic {@code api-token:api-secret} on every request (401 otherwise);
 * errors are {@code {"category","code","message"}}.
 *
 * <ul>
 *   <li>{@code POST /users/{userId}/calls} {@code {"from","to","callbackUrl","callTimeout","tag"}}
 *       → 201, {@code Location: <base>/users/{userId}/calls/c-…}, no body. Dialbridge calls the
 *       agent this way first: the leg is answered ~1 s after it rings ({@code answer} with the
 *       {@code tag}).
 *   <li>{@code POST /users/{userId}/calls/{callId}} {@code
 *       {"state":"transferring","transferTo","transferCallerId"}} on an answered leg → 201 with the
 *       {@code Location} of a new leg to {@code transferTo}, which then rings and is answered or
 *       ends as its number's {@link Outcome} says; the two legs are bridged: when one ends, so does
 *       the other. {@code {"state":"completed"}} → 200 and the leg hangs up ({@code
 *       NORMAL_CLEARING}, or {@code ORIGINATOR_CANCEL} before it was answered). An unknown call →
 *       403 {@code call-id-not-found}; an ended one (or a transfer of an unanswered one) → 403
 *       {@code call-invalid-state}.
 *   <li>{@code GET /users/{userId}/calls/{callId}} → the documented call resource.
 * </ul>
 *
 * Events go to each leg's {@code callbackUrl} (the transferred leg uses its parent's), with the
 * URL's {@code user:password@} sent as HTTP Basic: {@code answer}, {@code timeout} (then a {@code
 * hangup} with {@code NO_ANSWER}) and {@code hangup} with the Q.850 cause. Bandwidth v1 sends no
 * event for dialing or ringing, so none is sent. A leg nobody answers times out after the timing's
 * no-answer delay or its {@code callTimeout}, whichever is shorter.
 */
final class BandwidthApi implements ProviderApi {
  private static final System.Logger LOG = System.getLogger(BandwidthApi.class.getName());
  private static final Pattern CALLS = Pattern.compile("/users/([^/]+)/calls");
  private static final Pattern CALL = Pattern.compile("/users/([^/]+)/calls/([^/]+)");
  private static final Pattern DESTINATION =
      Pattern.compile("\\+[1-9]\\d{6,14}|sips?:[^@\\s]+@[^@\\s]+");
  private static final int DEFAULT_CALL_TIMEOUT = 30;

  /** How long an inbound caller waits for Dialbridge to transfer their call (scaled). */
  private static final Duration UNTRANSFERRED_GIVE_UP = Duration.ofSeconds(30);

  /** The id of the application the emulated numbers belong to, as {@code incomingcall} names it. */
  static final String APPLICATION_ID = "a-demo25nh2lsc2vl6kkknp2e7m5y";

  private final ProviderSettings.Bandwidth settings;
  private final EmulatorContext context;
  private final Map<String, BandwidthLeg> legs = new ConcurrentHashMap<>();

  BandwidthApi(ProviderSettings.Bandwidth settings, EmulatorContext context) {
    this.settings = settings;
    this.context = context;
  }

  @Override
  public Reply handle(ApiRequest request) {
    if (!request.hasBasicCredentials(settings.apiToken(), settings.apiSecret())) {
      return error(
          401, "authentication", "unauthorized", "Valid API token and secret are required");
    }
    Matcher m;
    if ((m = CALLS.matcher(request.path())).matches()) {
      if (!request.method().equals("POST")) return Reply.methodNotAllowed();
      return knownUser(m.group(1)) ? create(request, m.group(1)) : unknownUser(m.group(1));
    }
    if ((m = CALL.matcher(request.path())).matches()) {
      if (!knownUser(m.group(1))) return unknownUser(m.group(1));
      BandwidthLeg leg = legs.get(m.group(2));
      if (leg == null) {
        return error(
            403,
            "not-found",
            "call-id-not-found",
            "The call " + m.group(2) + " could not be found");
      }
      return switch (request.method()) {
        case "GET" -> Reply.json(200, leg.resource());
        case "POST" -> update(request, leg);
        default -> Reply.methodNotAllowed();
      };
    }
    return Reply.notFound();
  }

  private Reply create(ApiRequest request, String userId) {
    Optional<ObjectNode> body = Json.parseObject(request.body());
    if (body.isEmpty())
      return error(400, "bad-request", "invalid-json", "The request body is not a JSON object");
    Optional<String> from = Json.text(body.get(), "from");
    Optional<String> to = Json.text(body.get(), "to");
    if (from.isEmpty()) return missing("from");
    if (to.isEmpty()) return missing("to");
    if (!DESTINATION.matcher(to.get()).matches()) return invalidDestination(to.get());
    URI callbackUrl = null;
    Optional<String> callback = Json.text(body.get(), "callbackUrl");
    if (callback.isPresent()) {
      try {
        callbackUrl = URI.create(callback.get());
      } catch (IllegalArgumentException e) {
        callbackUrl = null;
      }
      if (callbackUrl == null
          || callbackUrl.getHost() == null
          || !("http".equals(callbackUrl.getScheme()) || "https".equals(callbackUrl.getScheme()))) {
        return error(
            400,
            "bad-request",
            "invalid-callback-url",
            "callbackUrl must be an absolute http(s) URL");
      }
    }
    int callTimeout = DEFAULT_CALL_TIMEOUT;
    JsonNode timeout = body.get().get("callTimeout");
    if (timeout != null && !timeout.isNull()) {
      if (!timeout.canConvertToInt() || timeout.asInt() < 1) {
        return error(
            400,
            "bad-request",
            "invalid-call-timeout",
            "callTimeout must be a positive number of seconds");
      }
      callTimeout = timeout.asInt();
    }
    String tag = Json.text(body.get(), "tag").orElse(null);

    BandwidthLeg leg =
        new BandwidthLeg(
            request.base(),
            userId,
            from.get(),
            to.get(),
            tag,
            callbackUrl,
            callTimeout,
            context.webhooks().channel(),
            context.timing().agentAnswerAfter(),
            null,
            settings.name(),
            context);
    legs.put(leg.id, leg);
    LOG.log(
        Level.DEBUG,
        () ->
            "Bandwidth call "
                + leg.id
                + " → "
                + Numbers.mask(to.get())
                + " ("
                + leg.call.outcome()
                + ")");
    return Reply.empty(201).withHeader("Location", leg.uri.toString()).then(leg.call::start);
  }

  private Reply update(ApiRequest request, BandwidthLeg leg) {
    Optional<ObjectNode> body = Json.parseObject(request.body());
    if (body.isEmpty())
      return error(400, "bad-request", "invalid-json", "The request body is not a JSON object");
    Optional<String> state = Json.text(body.get(), "state");
    if (state.isEmpty()) return missing("state");
    return switch (state.get()) {
      case "completed" -> leg.call.hangUp() ? Reply.empty(200) : invalidState(leg);
      case "transferring" -> transfer(body.get(), leg);
      default ->
          error(
              400,
              "bad-request",
              "unsupported-state",
              "A call cannot be set to state " + state.get());
    };
  }

  private Reply transfer(ObjectNode body, BandwidthLeg parent) {
    Optional<String> transferTo = Json.text(body, "transferTo");
    if (transferTo.isEmpty()) return missing("transferTo");
    if (!DESTINATION.matcher(transferTo.get()).matches())
      return invalidDestination(transferTo.get());
    synchronized (parent) {
      if (parent.transferredTo != null || !parent.call.holdOpen()) return invalidState(parent);
      String callerId = Json.text(body, "transferCallerId").orElse(parent.from);
      BandwidthLeg leg =
          new BandwidthLeg(
              parent.base,
              parent.userId,
              callerId,
              transferTo.get(),
              parent.tag,
              parent.callbackUrl,
              parent.callTimeout,
              parent.channel,
              context.timing().answeredAfter(),
              parent,
              settings.name(),
              context,
              // an inbound caller's leg rings an agent: the ring decides, not the agent's number
              parent.ring != null ? parent.ring.agentLeg() : Outcome.forNumber(transferTo.get()),
              null);
      parent.transferredTo = leg;
      legs.put(leg.id, leg);
      LOG.log(
          Level.DEBUG,
          () ->
              "Bandwidth transfer "
                  + parent.id
                  + " → "
                  + leg.id
                  + " to "
                  + Numbers.mask(transferTo.get())
                  + " ("
                  + leg.call.outcome()
                  + ")");
      return Reply.empty(201)
          .withHeader("Location", leg.uri.toString())
          .then(
              () -> {
                leg.call.start();
                // a hang-up of the parent that raced this transfer could not see the new leg: end
                // it too
                if (!parent.call.isLive()) leg.call.hangUp();
                if (parent.ring == RingOutcome.CALLER_HANGS_UP) {
                  // the caller gives up a while into the agent's ringing
                  context.schedule(
                      context.delayMillis(context.timing().answeredAfter()), parent.call::hangUp);
                }
              });
    }
  }

  /**
   * The caller's leg of an inbound call from {@code ring.from()} to {@code ring.to()}: answered at
   * once, {@code incomingcall} posted to the settings' {@code incomingCallUrl}.
   *
   * @throws IllegalStateException when the settings have no {@code incomingCallUrl}
   */
  @Override
  public Optional<String> ring(Ring ring, URI base) {
    if (settings.incomingCallUrl() == null) {
      throw new IllegalStateException(
          settings.name() + " has no incoming call URL: it cannot ring an agent");
    }
    BandwidthLeg leg =
        new BandwidthLeg(
            base,
            settings.userId(),
            ring.from(),
            ring.to(),
            null,
            settings.incomingCallUrl(),
            DEFAULT_CALL_TIMEOUT,
            context.webhooks().channel(),
            context.timing().answeredAfter(),
            null,
            settings.name(),
            context,
            Outcome.ANSWERED,
            ring.outcome());
    synchronized (leg) {
      leg.call.answerAtOnce();
      legs.put(leg.id, leg);
      leg.incomingCall(APPLICATION_ID);
    }
    // nobody transferred the call: the caller does not wait forever
    context.schedule(
        context.delayMillis(UNTRANSFERRED_GIVE_UP),
        () -> {
          if (leg.transferredTo == null) leg.call.hangUp();
        });
    LOG.log(
        Level.DEBUG,
        () ->
            "Bandwidth incoming call "
                + leg.id
                + " from "
                + Numbers.mask(ring.from())
                + " ("
                + ring.outcome()
                + ")");
    return Optional.of(leg.id);
  }

  private boolean knownUser(String userId) {
    return settings.userId().equals(userId);
  }

  private static Reply unknownUser(String userId) {
    return error(404, "not-found", "user-not-found", "The user " + userId + " could not be found");
  }

  private static Reply missing(String property) {
    return error(
        400, "bad-request", "missing-property", "The property '" + property + "' is required");
  }

  private static Reply invalidDestination(String number) {
    return error(
        403,
        "forbidden",
        "invalid-destination-number",
        "The destination " + Numbers.mask(number) + " is not a valid E.164 number or SIP URI");
  }

  private static Reply invalidState(BandwidthLeg leg) {
    return error(
        403,
        "conflict",
        "call-invalid-state",
        "The call "
            + leg.id
            + " is in state "
            + leg.stateName()
            + " and cannot be changed that way");
  }

  private static Reply error(int status, String category, String code, String message) {
    return Reply.json(
        status, Json.object().put("category", category).put("code", code).put("message", message));
  }

  @Override
  public void forgetCallsEndedBefore(Instant cutoff) {
    legs.values().removeIf(leg -> leg.call.endedBefore(cutoff));
  }
}
