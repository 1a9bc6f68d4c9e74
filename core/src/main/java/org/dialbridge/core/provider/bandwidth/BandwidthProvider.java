package org.dialbridge.core.provider.bandwidth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.error.InvalidNumberException;
import org.dialbridge.core.error.ProviderAuthenticationException;
import org.dialbridge.core.error.ProviderException;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.error.ProviderUnavailableException;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.http.ProviderHttpClient;
import org.dialbridge.core.http.ProviderRequest;
import org.dialbridge.core.http.ProviderResponse;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.phone.Destination;
import org.dialbridge.core.provider.Payloads;
import org.dialbridge.core.provider.Responses;
import org.dialbridge.core.spi.CallRequest;
import org.dialbridge.core.spi.Capabilities;
import org.dialbridge.core.spi.HangupRequest;
import org.dialbridge.core.spi.PlacedCall;
import org.dialbridge.core.spi.ProviderCallStatus;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.Secret;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookParser;

/**
 * Bandwidth voice API v1 ("Catapult"). Every request carries HTTP Basic {@code api-token:api-secret}
 * and JSON; calls live under {@code /users/{user-id}/calls} below the base URL
 * ({@code https://api.catapult.inetwork.com/v1}).
 *
 * <p>v1 has no click-to-call, so a Dialbridge call is two legs (providers.md "Decision —
 * click-to-call on v1"): {@link #placeCall} rings the agent, tagged with Dialbridge's call id; when
 * the agent answers, {@link #react} transfers that leg to the customer, whose leg is new. {@link
 * #interpret} reads the agent leg's events accordingly: its answer means the customer is being
 * dialled, its normal end after the customer answered completes the call. Hang-up completes every
 * leg still live.
 *
 * <p>Bandwidth answers 403 for several unrelated things; the {@code code} of its error body tells
 * them apart: {@code call-rate-limit} (nothing was placed; try later), {@code call-invalid-state}
 * and {@code call-id-not-found} (the leg is over), other codes (a refused request), and no code at
 * all (our credentials).
 */
final class BandwidthProvider implements TelephonyProvider {
  static final String RATE_LIMIT = "call-rate-limit";
  static final String INVALID_STATE = "call-invalid-state";
  static final String NOT_FOUND = "call-id-not-found";

  private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, false,
      EnumSet.of(EventType.ANSWERED, EventType.HANGUP, EventType.OTHER));
  private static final String GENERIC_KEY_PREFIX = "generic|";

  private final String name;
  private final String callsPath;
  private final String authorization;
  private final String fromNumber;
  private final String callbackUrl;
  private final int callTimeout;
  private final String agentSipDomain;
  private final ProviderHttpClient http;
  private final WebhookParser parser;

  BandwidthProvider(ProviderConfig config, ProviderContext context) {
    this.name = config.name();
    this.callsPath = "/users/" + ProviderHttpClient.segment(config.require("user-id")) + "/calls";
    Secret token = config.requireSecret("api-token");
    Secret secret = config.requireSecret("api-secret");
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(
        (token.reveal() + ":" + secret.reveal()).getBytes(StandardCharsets.UTF_8));
    this.fromNumber = fromNumber(config, context);
    this.callbackUrl = callbackUrl(config);
    this.callTimeout = config.getInt("call-timeout", 60, 1, 300);
    this.agentSipDomain = agentSipDomain(config);
    this.http = ProviderHttpClient.create(config, context);
    this.parser = BandwidthEvents::parse;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return BandwidthProviderFactory.TYPE;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * Rings the agent's number or SIP URI from {@code from-number}, tagged with Dialbridge's call id;
   * the customer is dialled when the agent answers ({@link #react}). The id is the agent leg's. With
   * {@code agent-sip-domain} set, an agent extension that is neither E.164 nor a SIP URI is rung at
   * {@code sip:<extension>@<agent-sip-domain>}.
   */
  @Override
  public PlacedCall placeCall(CallRequest call) {
    if (call.destination().isExtension()) {
      // checked before the agent's phone rings: the transfer to the customer could never happen
      throw new ProviderRejectedException(name, null,
          "Bandwidth can only connect the agent to a phone number in E.164, not to an extension or short number");
    }
    ObjectNode body = Payloads.JSON.createObjectNode()
        .put("from", fromNumber)
        .put("to", agentTarget(call.agent().extension()))
        .put("callbackUrl", callbackUrl)
        .put("callTimeout", callTimeout)
        .put("tag", call.callId());
    ProviderRequest request = ProviderRequest.postJson(callsPath, headers(), body.toString());
    ProviderResponse response = http.send(request);
    if (!response.isSuccessful()) throw failure(request, response);
    return new PlacedCall(locationId(request, response));
  }

  /**
   * Completes the first leg and every other leg. Other legs already over are skipped. The request
   * succeeds when every leg is over afterwards and this request ended at least one of them; when
   * the first leg was already over and no other leg was live, the first leg's
   * {@link ProviderRejectedException} ({@code call-invalid-state} or {@code call-id-not-found})
   * says so.
   */
  @Override
  public void hangUp(HangupRequest hangup) {
    ProviderException failure = null;
    boolean firstWasOver = false;
    try {
      failure = complete(hangup.providerCallId());
      firstWasOver = failure != null;
    } catch (ProviderException e) {
      failure = e;
    }
    boolean endedAnother = false;
    ProviderException otherFailure = null;
    for (String leg : hangup.otherLegs()) {
      if (leg.equals(hangup.providerCallId())) continue;
      try {
        endedAnother |= complete(leg) == null;
      } catch (ProviderException e) {
        if (otherFailure == null) otherFailure = e;
        else otherFailure.addSuppressed(e);
      }
    }
    if (otherFailure == null && (failure == null || (firstWasOver && endedAnother))) return;
    if (failure == null) throw otherFailure;
    if (otherFailure != null) failure.addSuppressed(otherFailure);
    throw failure;
  }

  /**
   * The call's state: {@code started} is DIALING, {@code active} and {@code transferring} ANSWERED,
   * {@code rejected} REJECTED, {@code completed} COMPLETED when it was ever active, else NO_ANSWER.
   * Empty when Bandwidth does not know the call.
   */
  @Override
  public Optional<ProviderCallStatus> status(String providerCallId) {
    ProviderRequest request = ProviderRequest.get(callPath(providerCallId), headers());
    ProviderResponse response = http.send(request);
    if (response.status() == 404 || NOT_FOUND.equals(errorCode(response).orElse(null))) return Optional.empty();
    if (!response.isSuccessful()) throw failure(request, response);
    JsonNode root = Responses.json(name, request, response);
    try {
      Optional<String> state = Payloads.text(root, "state");
      Instant answeredAt = Payloads.text(root, "activeTime").flatMap(Payloads::lenientInstant).orElse(null);
      Instant endedAt = Payloads.text(root, "endTime").flatMap(Payloads::lenientInstant).orElse(null);
      if (state.isEmpty()) return Optional.of(ProviderCallStatus.unknown(null));
      String raw = state.get();
      return Optional.of(switch (raw.toLowerCase(Locale.ROOT)) {
        case "started" -> new ProviderCallStatus(CallStatus.DIALING, null, raw, answeredAt, endedAt);
        case "active", "transferring" -> new ProviderCallStatus(CallStatus.ANSWERED, null, raw, answeredAt, endedAt);
        case "rejected" -> new ProviderCallStatus(CallStatus.REJECTED, HangupCause.REJECTED, raw, answeredAt, endedAt);
        case "completed" -> answeredAt != null
            ? new ProviderCallStatus(CallStatus.COMPLETED, HangupCause.NORMAL_CLEARING, raw, answeredAt, endedAt)
            : new ProviderCallStatus(CallStatus.NO_ANSWER, HangupCause.NO_ANSWER, raw, null, endedAt);
        default -> new ProviderCallStatus(null, null, raw, answeredAt, endedAt);
      });
    } catch (WebhookParseException e) {
      throw Responses.unreadable(name, request, response, e.getMessage());
    }
  }

  @Override
  public WebhookParser webhookParser() {
    return parser;
  }

  /**
   * The agent leg's events in the light of the two-leg call: its answer means the customer is now
   * being dialled (RINGING); its normal end or cancel completes the call when the customer had
   * answered, else cancels it, unless the call has already ended (the customer's leg ended it and
   * the agent's leg was let go): then it is stored as {@code OTHER}. The customer leg's events,
   * other agent-leg endings (busy, timeout, rejected) and generic events (which already speak of
   * the whole call) are left as they are.
   */
  @Override
  public ProviderEvent interpret(ProviderEvent event, Call call) {
    if (isGeneric(event) || !isAgentLeg(event, call)) return event;
    if (event.type() == EventType.ANSWERED) {
      return event.retyped(EventType.RINGING, CallStatus.RINGING, null);
    }
    if (event.type() == EventType.HANGUP
        && (event.cause() == HangupCause.NORMAL_CLEARING || event.cause() == HangupCause.CANCELED)) {
      if (call.status().isTerminal()) {
        // the customer's leg ended the call (busy, rejected, failed…) and the bridge let the agent
        // go: kept for the record, but not a second ending that could tie with the first
        return event.retyped(EventType.OTHER, null, null);
      }
      return call.status() == CallStatus.ANSWERED
          ? event.retyped(EventType.HANGUP, CallStatus.COMPLETED, HangupCause.NORMAL_CLEARING)
          : event.retyped(EventType.HANGUP, CallStatus.CANCELED, HangupCause.CANCELED);
    }
    return event;
  }

  /**
   * On the agent leg's answer, transfers that leg to the customer ({@code call.to()}) with
   * {@code from-number} as caller id, and returns the customer leg's id. Nothing is done for a call
   * that has already ended. When the transfer fails the agent leg is completed, so the agent is
   * not left holding a silent line, and the failure is rethrown.
   */
  @Override
  public Set<String> react(ProviderEvent event, Call call) {
    if (!isAgentAnswer(event, call) || call.status().isTerminal() || call.to() == null || call.to().isBlank()) {
      return Set.of();
    }
    String agentLeg = event.providerCallId();
    ObjectNode body = Payloads.JSON.createObjectNode()
        .put("state", "transferring")
        .put("transferTo", call.to())
        .put("transferCallerId", fromNumber)
        // documented for transfers: without it the customer leg's events would not reach us
        .put("callbackUrl", callbackUrl);
    ProviderRequest request = ProviderRequest.postJson(callPath(agentLeg), headers(), body.toString());
    try {
      ProviderResponse response = http.send(request);
      if (!response.isSuccessful()) throw failure(request, response);
      return Set.of(locationId(request, response));
    } catch (ProviderException e) {
      try {
        complete(agentLeg);
      } catch (ProviderException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  @Override
  public void close() {
    http.close();
  }

  ProviderHttpClient http() {
    return http;
  }

  /**
   * Sets one leg's state to {@code completed}.
   *
   * @return null when done; Bandwidth's rejection when the leg was already over
   * @throws ProviderException for any other failure
   */
  private ProviderRejectedException complete(String leg) {
    ObjectNode body = Payloads.JSON.createObjectNode().put("state", "completed");
    ProviderRequest request = ProviderRequest.postJson(callPath(leg), headers(), body.toString());
    ProviderResponse response = http.send(request);
    if (response.isSuccessful()) return null;
    ProviderException failure = failure(request, response);
    if (failure instanceof ProviderRejectedException rejected && legIsOver(response)) return rejected;
    throw failure;
  }

  /** The exception for an unsuccessful answer, reading Bandwidth's error code where it matters. */
  private ProviderException failure(ProviderRequest request, ProviderResponse response) {
    int status = response.status();
    Optional<String> code = errorCode(response);
    String message = Responses.message(response).orElse(null);
    if (status == 401 || (status == 403 && code.isEmpty())) {
      return new ProviderAuthenticationException(name, status, message);
    }
    if (status == 403 && code.get().equals(RATE_LIMIT)) {
      // Bandwidth refused before placing anything: a known outcome, worth trying again later
      return new ProviderUnavailableException(name, status, message, false, null);
    }
    if (status == 403) {
      return new ProviderRejectedException(name, status, withCode(message, code.get()));
    }
    return Responses.failure(name, request, response);
  }

  /** Whether Bandwidth's answer says the leg is over: already completed, or unknown to it. */
  private static boolean legIsOver(ProviderResponse response) {
    String code = errorCode(response).orElse("");
    return code.equals(INVALID_STATE) || code.equals(NOT_FOUND);
  }

  private static String withCode(String message, String code) {
    return message == null || message.equals(code) ? code : message + " (" + code + ")";
  }

  /** The {@code code} of Bandwidth's error body, empty when there is none or the body is not JSON. */
  static Optional<String> errorCode(ProviderResponse response) {
    String body = response.body().strip();
    if (!body.startsWith("{")) return Optional.empty();
    try {
      JsonNode code = Payloads.JSON.readTree(body).get("code");
      return code != null && code.isTextual() && !code.asText().isBlank()
          ? Optional.of(code.asText().strip()) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** The id at the end of the {@code Location} Bandwidth answers a created call or transfer with. */
  private String locationId(ProviderRequest request, ProviderResponse response) {
    String location = response.header("Location").map(String::strip).orElse("");
    int cut = indexOfAny(location, '?', '#');
    if (cut >= 0) location = location.substring(0, cut);
    while (location.endsWith("/")) location = location.substring(0, location.length() - 1);
    String id = location.substring(location.lastIndexOf('/') + 1);
    if (id.isBlank()) throw Responses.unreadable(name, request, response, "no call id in the Location header");
    return id;
  }

  private boolean isAgentLeg(ProviderEvent event, Call call) {
    if (call.providerCallId() != null) return call.providerCallId().equals(event.providerCallId());
    // the answer can overtake placeCall's own answer: then only the tag tells the agent's leg
    return call.id().equals(event.callId());
  }

  private boolean isAgentAnswer(ProviderEvent event, Call call) {
    if (isGeneric(event) || event.providerCallId() == null) return false;
    // the event as parsed (ANSWERED), or as interpret() re-read it (RINGING, key "answer|…")
    boolean answer = event.type() == EventType.ANSWERED
        || (event.type() == EventType.RINGING && event.eventKey().regionMatches(true, 0, "answer|", 0, 7));
    return answer && isAgentLeg(event, call);
  }

  /** Generic events say in Dialbridge's words what happened to the whole call: never re-read. */
  private static boolean isGeneric(ProviderEvent event) {
    return event.eventKey().startsWith(GENERIC_KEY_PREFIX);
  }

  private String callPath(String leg) {
    return callsPath + "/" + ProviderHttpClient.segment(leg);
  }

  private Map<String, String> headers() {
    return Map.of("Authorization", authorization, "Accept", "application/json");
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    if (i < 0) return j;
    if (j < 0) return i;
    return Math.min(i, j);
  }

  private static String fromNumber(ProviderConfig config, ProviderContext context) {
    String raw = config.require("from-number");
    Destination number;
    try {
      number = context.phoneNumbers().parse(raw);
    } catch (InvalidNumberException e) {
      throw new ConfigException(config.key("from-number"),
          "must be a Bandwidth phone number in E.164 (+19195551212): " + e.getMessage());
    }
    if (number.isExtension()) {
      throw new ConfigException(config.key("from-number"),
          "must be a Bandwidth phone number in E.164 (+19195551212), not an extension");
    }
    return number.e164();
  }

  /** The webhook URL Bandwidth posts to; its value is never shown, as it may hold Basic credentials. */
  private static String callbackUrl(ProviderConfig config) {
    String raw = config.require("callback-url");
    String problem = "must be an absolute http or https URL with a host"
        + " (percent-encode reserved characters in its user name and password)";
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new ConfigException(config.key("callback-url"), problem);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new ConfigException(config.key("callback-url"), problem);
    }
    return raw;
  }

  /**
   * Where the agent's leg rings: their number or SIP URI as configured, or, for a plain extension
   * (the same one the CRM's other providers use), that extension's SIP URI on the agents' domain.
   */
  private String agentTarget(String extension) {
    if (agentSipDomain == null || extension.startsWith("+") || extension.regionMatches(true, 0, "sip", 0, 3)) {
      return extension;
    }
    return "sip:" + extension + "@" + agentSipDomain;
  }

  private static String agentSipDomain(ProviderConfig config) {
    String domain = config.get("agent-sip-domain").map(String::strip).orElse(null);
    if (domain == null || domain.isEmpty()) return null;
    if (!domain.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\\d{1,5})?")) {
      throw new ConfigException(config.key("agent-sip-domain"),
          "must be a host name such as agents.bwapp.bwsip.io (no scheme, user or path)");
    }
    return domain;
  }

  static List<String> keys() {
    return List.of("user-id", "api-token", "api-secret", "from-number", "callback-url", "call-timeout",
        "agent-sip-domain");
  }
}
