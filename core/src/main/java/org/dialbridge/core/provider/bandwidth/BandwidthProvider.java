package org.dialbridge.core.provider.bandwidth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.error.InvalidNumberException;
import org.dialbridge.core.error.ProviderException;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.phone.Destination;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.provider.support.ProviderHttpClient;
import org.dialbridge.core.provider.support.ProviderRequest;
import org.dialbridge.core.provider.support.ProviderResponse;
import org.dialbridge.core.provider.support.Responses;
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
 * Bandwidth voice API v1 ("Catapult"). Every request carries HTTP Basic {@code
 * api-token:api-secret} and JSON; calls live under {@code /users/{user-id}/calls} below the base
 * URL ({@code https://api.catapult.inetwork.com/v1}).
 *
 * <p>v1 has no click-to-call, so a Dialbridge call is two legs (docs/providers.md, "Bandwidth
 * (voice API v1)"): {@link #placeCall} rings the agent, tagged with Dialbridge's call id; when the
 * agent answers, {@link #react} transfers that leg to the customer, whose leg is new. {@link
 * #interpret} reads the agent leg's events accordingly: its answer means the customer is being
 * dialled, its normal end after the customer answered completes the call. An inbound call ({@code
 * incomingcall}) is the same two legs the other way round: {@link #react} transfers the caller's
 * leg to the agent, whose answer is the call's. Hang-up completes every leg still live. {@link
 * BandwidthAnswers} reads what Bandwidth answers, its several 403s among them.
 */
final class BandwidthProvider implements TelephonyProvider {
  private static final Capabilities CAPABILITIES =
      new Capabilities(
          true,
          true,
          true,
          false,
          EnumSet.of(EventType.INCOMING, EventType.ANSWERED, EventType.HANGUP, EventType.OTHER),
          false,
          true);

  /** The keys of a {@code type=bandwidth} section, by short name (see {@link #keys()}). */
  private static final String USER_ID = "user-id";

  private static final String API_TOKEN = "api-token";
  private static final String API_SECRET = "api-secret";
  private static final String FROM_NUMBER = "from-number";
  private static final String CALLBACK_URL = "callback-url";
  private static final String CALL_TIMEOUT = "call-timeout";
  private static final String AGENT_SIP_DOMAIN = "agent-sip-domain";

  private final String name;
  private final String callsPath;
  private final String authorization;
  private final String fromNumber;
  private final String callbackUrl;
  private final int callTimeout;
  private final String agentSipDomain;
  private final ProviderHttpClient http;
  private final BandwidthAnswers answers;
  private final WebhookParser parser;

  BandwidthProvider(ProviderConfig config, ProviderContext context) {
    this.name = config.name();
    this.callsPath = "/users/" + ProviderHttpClient.segment(config.require(USER_ID)) + "/calls";
    Secret token = config.requireSecret(API_TOKEN);
    Secret secret = config.requireSecret(API_SECRET);
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (token.reveal() + ":" + secret.reveal()).getBytes(StandardCharsets.UTF_8));
    this.fromNumber = fromNumber(config, context);
    this.callbackUrl = callbackUrl(config);
    this.callTimeout = config.getInt(CALL_TIMEOUT, 60, 1, 300);
    this.agentSipDomain = agentSipDomain(config);
    this.http = ProviderHttpClient.create(config, context);
    this.answers = new BandwidthAnswers(name);
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
   * the customer is dialled when the agent answers ({@link #react}). The id is the agent leg's.
   * With {@code agent-sip-domain} set, an agent extension that is neither E.164 nor a SIP URI is
   * rung at {@code sip:<extension>@<agent-sip-domain>}.
   */
  @Override
  public PlacedCall placeCall(CallRequest call) {
    if (call.destination().isExtension()) {
      // checked before the agent's phone rings: the transfer to the customer could never happen
      throw new ProviderRejectedException(
          name,
          null,
          "Bandwidth can only connect the agent to a phone number in E.164, not to an extension or"
              + " short number");
    }
    ObjectNode body =
        Payloads.JSON
            .createObjectNode()
            .put("from", fromNumber)
            .put("to", agentTarget(call.agent().extension()))
            .put("callbackUrl", callbackUrl)
            .put("callTimeout", callTimeout)
            .put("tag", call.callId());
    ProviderRequest request = ProviderRequest.postJson(callsPath, headers(), body.toString());
    ProviderResponse response = http.send(request);
    if (!response.isSuccessful()) throw answers.failure(request, response);
    return new PlacedCall(answers.locationId(request, response));
  }

  /**
   * Completes the first leg and every other leg. Other legs already over are skipped. The request
   * succeeds when every leg is over afterwards and this request ended at least one of them; when
   * the first leg was already over and no other leg was live, the first leg's {@link
   * ProviderRejectedException} ({@code call-invalid-state} or {@code call-id-not-found}) says so.
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
   * The call's state, read by {@link BandwidthAnswers#callStatus}. Empty when Bandwidth does not
   * know the call.
   */
  @Override
  public Optional<ProviderCallStatus> status(String providerCallId) {
    ProviderRequest request = ProviderRequest.get(callPath(providerCallId), headers());
    ProviderResponse response = http.send(request);
    if (BandwidthAnswers.callIsUnknown(response)) return Optional.empty();
    if (!response.isSuccessful()) throw answers.failure(request, response);
    JsonNode root = Responses.json(name, request, response);
    try {
      return Optional.of(BandwidthAnswers.callStatus(root));
    } catch (WebhookParseException e) {
      throw Responses.unreadable(name, request, response, e.getMessage());
    }
  }

  @Override
  public WebhookParser webhookParser() {
    return parser;
  }

  /** A leg's events re-read for the two-leg call, by its direction ({@link BandwidthTwoLegs}). */
  @Override
  public ProviderEvent interpret(ProviderEvent event, Call call) {
    return BandwidthTwoLegs.interpret(event, call);
  }

  /**
   * Transfers the first leg of a call to its second party, and returns the new leg's id:
   *
   * <ul>
   *   <li>outbound, on the agent leg's answer: to the customer ({@code call.to()}), with {@code
   *       from-number} as caller id;
   *   <li>inbound, on {@code incomingcall}: the caller's leg to the agent ({@code
   *       call.agentExtension()}, rung as {@link #placeCall} rings agents), with the caller's
   *       number as caller id so the agent's phone shows who is calling ({@code from-number} when
   *       the caller's is not in E.164). An inbound call ringing no single agent is not
   *       transferred.
   * </ul>
   *
   * Nothing is done for a call that has already ended. When the transfer fails the first leg is
   * completed, so nobody is left holding a silent line (an inbound caller's call then ends
   * unanswered, in the agent's missed calls), and the failure is rethrown.
   */
  @Override
  public Set<String> react(ProviderEvent event, Call call) {
    if (call.status().isTerminal()) return Set.of();
    if (BandwidthTwoLegs.isAgentAnswer(event, call)) {
      if (call.to() == null || call.to().isBlank()) return Set.of();
      return Set.of(transfer(event.providerCallId(), call.to(), fromNumber));
    }
    if (BandwidthTwoLegs.isIncomingCall(event, call)) {
      String agent = call.agentExtension();
      if (agent == null || agent.isBlank()) return Set.of();
      String callerId = isE164(call.from()) ? call.from() : fromNumber;
      return Set.of(transfer(event.providerCallId(), agentTarget(agent.strip()), callerId));
    }
    return Set.of();
  }

  /**
   * Transfers {@code leg} to {@code target} showing {@code callerId}, and returns the new leg's id;
   * on failure completes {@code leg} and rethrows.
   */
  private String transfer(String leg, String target, String callerId) {
    ObjectNode body =
        Payloads.JSON
            .createObjectNode()
            .put("state", "transferring")
            .put("transferTo", target)
            .put("transferCallerId", callerId)
            // documented for transfers: without it the new leg's events would not reach us
            .put("callbackUrl", callbackUrl);
    ProviderRequest request = ProviderRequest.postJson(callPath(leg), headers(), body.toString());
    try {
      ProviderResponse response = http.send(request);
      if (!response.isSuccessful()) throw answers.failure(request, response);
      return answers.locationId(request, response);
    } catch (ProviderException e) {
      try {
        complete(leg);
      } catch (ProviderException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private static boolean isE164(String number) {
    return number != null && number.matches("\\+[1-9][0-9]{6,14}");
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
    ProviderException failure = answers.failure(request, response);
    if (failure instanceof ProviderRejectedException rejected
        && BandwidthAnswers.legIsOver(response)) {
      return rejected;
    }
    throw failure;
  }

  private String callPath(String leg) {
    return callsPath + "/" + ProviderHttpClient.segment(leg);
  }

  private Map<String, String> headers() {
    return Map.of("Authorization", authorization, "Accept", "application/json");
  }

  private static String fromNumber(ProviderConfig config, ProviderContext context) {
    String raw = config.require(FROM_NUMBER);
    Destination number;
    try {
      number = context.phoneNumbers().parse(raw);
    } catch (InvalidNumberException e) {
      throw new ConfigException(
          config.key(FROM_NUMBER),
          "must be a Bandwidth phone number in E.164 (+19195551212): " + e.getMessage());
    }
    if (number.isExtension()) {
      throw new ConfigException(
          config.key(FROM_NUMBER),
          "must be a Bandwidth phone number in E.164 (+19195551212), not an extension");
    }
    return number.e164();
  }

  /**
   * The webhook URL Bandwidth posts to; its value is never shown, as it may hold Basic credentials.
   */
  private static String callbackUrl(ProviderConfig config) {
    String raw = config.require(CALLBACK_URL);
    String problem =
        "must be an absolute http or https URL with a host"
            + " (percent-encode reserved characters in its user name and password)";
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new ConfigException(config.key(CALLBACK_URL), problem);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new ConfigException(config.key(CALLBACK_URL), problem);
    }
    return raw;
  }

  /**
   * Where the agent's leg rings: their number or SIP URI as configured, or, for a plain extension
   * (the same one the CRM's other providers use), that extension's SIP URI on the agents' domain.
   */
  private String agentTarget(String extension) {
    if (agentSipDomain == null
        || extension.startsWith("+")
        || extension.regionMatches(true, 0, "sip", 0, 3)) {
      return extension;
    }
    return "sip:" + extension + "@" + agentSipDomain;
  }

  private static String agentSipDomain(ProviderConfig config) {
    String domain = config.get(AGENT_SIP_DOMAIN).map(String::strip).orElse(null);
    if (domain == null || domain.isEmpty()) return null;
    if (!domain.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\\d{1,5})?")) {
      throw new ConfigException(
          config.key(AGENT_SIP_DOMAIN),
          "must be a host name such as agents.bwapp.bwsip.io (no scheme, user or path)");
    }
    return domain;
  }

  static List<String> keys() {
    return List.of(
        USER_ID, API_TOKEN, API_SECRET, FROM_NUMBER, CALLBACK_URL, CALL_TIMEOUT, AGENT_SIP_DOMAIN);
  }
}
