package org.dialbridge.core.provider.bandwidthv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.dialbridge.core.spi.AnswerContext;
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
import org.dialbridge.core.spi.WebhookAnswer;
import org.dialbridge.core.spi.WebhookParser;

/**
 * Bandwidth voice API v2. Every request carries HTTP Basic {@code username:password} and JSON;
 * calls live under {@code /accounts/{account-id}/calls} below the base URL ({@code
 * https://voice.bandwidth.com/api/v2}).
 *
 * <p>A Dialbridge call is two legs (docs/providers.md, "Bandwidth (voice API v2)"): {@link
 * #placeCall} rings the agent, tagged with a {@link CallTag} naming Dialbridge's call and the
 * customer; Bandwidth asks what to do when the agent answers ({@code answer}) and {@link
 * #webhookAnswer} answers, from the tag alone, with BXML transferring the agent to the customer. An
 * inbound call ({@code initiate}) is answered with BXML ringing the routed agents. {@link
 * BandwidthV2Legs} reads each leg's callbacks for the whole call; hang-up completes every leg still
 * live.
 */
final class BandwidthV2Provider implements TelephonyProvider {
  private static final Capabilities CAPABILITIES =
      new Capabilities(
          true,
          true,
          true,
          false,
          EnumSet.of(EventType.INCOMING, EventType.ANSWERED, EventType.HANGUP, EventType.OTHER),
          false,
          true);

  /** Bandwidth rings at most this many numbers of one transfer at once. */
  static final int MAX_TRANSFER_TARGETS = 8;

  /** The keys of a {@code type=bandwidth-v2} section, by short name (see {@link #keys()}). */
  private static final String ACCOUNT_ID = "account-id";

  private static final String APPLICATION_ID = "application-id";
  private static final String USERNAME = "username";
  private static final String PASSWORD = "password";
  private static final String FROM_NUMBER = "from-number";
  private static final String CALLBACK_BASE_URL = "callback-base-url";
  private static final String WEBHOOK_BASIC_USER = "webhook-basic-user";
  private static final String WEBHOOK_BASIC_PASSWORD = "webhook-basic-password";
  private static final String CALL_TIMEOUT = "call-timeout";

  private final String name;
  private final String callsPath;
  private final String applicationId;
  private final String authorization;
  private final String fromNumber;
  private final Bxml.Callbacks callbacks;
  private final int callTimeout;
  private final CallTag tags;
  private final ProviderHttpClient http;
  private final BandwidthV2Answers answers;
  private final WebhookParser parser;

  BandwidthV2Provider(ProviderConfig config, ProviderContext context) {
    this.name = config.name();
    this.callsPath =
        "/accounts/" + ProviderHttpClient.segment(config.require(ACCOUNT_ID)) + "/calls";
    this.applicationId = config.require(APPLICATION_ID);
    String user = config.require(USERNAME);
    Secret password = config.requireSecret(PASSWORD);
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
    this.fromNumber = fromNumber(config, context);
    String webhookUser = requireWebhookKey(config, WEBHOOK_BASIC_USER);
    Secret webhookPassword = Secret.of(requireWebhookKey(config, WEBHOOK_BASIC_PASSWORD));
    this.callbacks = new Bxml.Callbacks(callbackUrl(config), webhookUser, webhookPassword.reveal());
    this.callTimeout = config.getInt(CALL_TIMEOUT, 30, 1, 300);
    this.tags = new CallTag(webhookPassword);
    this.http = ProviderHttpClient.create(config, context);
    this.answers = new BandwidthV2Answers(name);
    this.parser = new BandwidthV2Events(tags);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return BandwidthV2ProviderFactory.TYPE;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * Creates the agent's leg ({@code POST /calls}) from {@code from-number}, with our webhook as its
   * {@code answerUrl} and {@code disconnectUrl}, the webhook's Basic credentials for Bandwidth to
   * call back with, and the {@linkplain CallTag tag} naming the call and the customer. The id is
   * the agent leg's.
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
            .put("to", call.agent().extension().strip())
            .put("applicationId", applicationId)
            .put("answerUrl", callbacks.url())
            .put("answerMethod", "POST")
            .put("disconnectUrl", callbacks.url())
            .put("disconnectMethod", "POST")
            .put("username", callbacks.username())
            .put("password", callbacks.password())
            .put("callTimeout", callTimeout)
            .put("tag", tags.tag(call.callId(), call.destination().e164()));
    ProviderRequest request = ProviderRequest.postJson(callsPath, headers(), body.toString());
    ProviderResponse response = http.send(request);
    if (!response.isSuccessful()) throw answers.failure(request, response);
    return new PlacedCall(answers.createdCallId(request, response));
  }

  /**
   * Sets every leg's state to {@code completed} (which also cancels a leg still ringing). Legs
   * already over (404, 409) are skipped. The request succeeds when every leg is over afterwards and
   * it ended at least one; when none was live, the first leg's rejection says so.
   */
  @Override
  public void hangUp(HangupRequest hangup) {
    List<String> legs = new ArrayList<>();
    legs.add(hangup.providerCallId());
    for (String leg : hangup.otherLegs()) if (!legs.contains(leg)) legs.add(leg);
    ProviderRejectedException firstOver = null;
    ProviderException failure = null;
    boolean ended = false;
    for (String leg : legs) {
      try {
        ProviderRejectedException over = complete(leg);
        if (over == null) ended = true;
        else if (firstOver == null) firstOver = over;
      } catch (ProviderException e) {
        if (failure == null) failure = e;
        else failure.addSuppressed(e);
      }
    }
    if (failure != null) throw failure;
    if (!ended) throw firstOver;
  }

  /** The call's state, read by {@link BandwidthV2Answers#callStatus}; empty when unknown (404). */
  @Override
  public Optional<ProviderCallStatus> status(String providerCallId) {
    ProviderRequest request = ProviderRequest.get(callPath(providerCallId), headers());
    ProviderResponse response = http.send(request);
    if (response.status() == 404) return Optional.empty();
    if (!response.isSuccessful()) throw answers.failure(request, response);
    JsonNode root = Responses.json(name, request, response);
    try {
      return Optional.of(BandwidthV2Answers.callStatus(root));
    } catch (WebhookParseException e) {
      throw Responses.unreadable(name, request, response, e.getMessage());
    }
  }

  @Override
  public WebhookParser webhookParser() {
    return parser;
  }

  /** A leg's callback re-read for the two-leg call ({@link BandwidthV2Legs}). */
  @Override
  public ProviderEvent interpret(ProviderEvent event, Call call) {
    return BandwidthV2Legs.interpret(event, call);
  }

  /**
   * Links the leg a transfer rang once it answers, so hanging up the call completes it too. No
   * request is sent: the BXML answer already did the transfer.
   */
  @Override
  public Set<String> react(ProviderEvent event, Call call) {
    if (!BandwidthV2Legs.isTransferAnswer(event)) return Set.of();
    return BandwidthV2Events.ownLeg(event.payload())
        .filter(leg -> !leg.equals(event.providerCallId()))
        .map(Set::of)
        .orElse(Set.of());
  }

  /**
   * The BXML for the callbacks that ask for it, from the event and the configuration alone:
   *
   * <ul>
   *   <li>{@code answer} of a leg we placed (its tag verified): transfer the agent to the customer
   *       the tag names, showing {@code from-number};
   *   <li>{@code initiate}: transfer the caller to the agents the inbound routes ring (at most
   *       {@value #MAX_TRANSFER_TARGETS}, at once), showing the caller's number when it is E.164;
   *       nobody routed: hang up (the call is stored all the same, as unrouted).
   * </ul>
   *
   * Every other callback is answered {@code 204}.
   */
  @Override
  public Optional<WebhookAnswer> webhookAnswer(ProviderEvent event, AnswerContext answerContext) {
    String kind = BandwidthV2Legs.kind(event);
    if (kind.equals(BandwidthV2Events.ANSWER)
        && event.type() == EventType.ANSWERED
        && event.callId() != null
        && event.number() != null) {
      String tag = tags.tag(event.callId(), event.number());
      return bxml(
          Bxml.transfer(
              fromNumber, callTimeout, List.of(new Bxml.Target(event.number())), callbacks, tag));
    }
    if (kind.equals(BandwidthV2Events.INITIATE) && event.startsInbound()) {
      List<Bxml.Target> targets =
          answerContext.ringingExtensions(event).stream()
              .map(String::strip)
              .filter(extension -> !extension.isEmpty())
              .limit(MAX_TRANSFER_TARGETS)
              .map(Bxml.Target::new)
              .toList();
      if (targets.isEmpty()) return bxml(Bxml.hangup());
      String callerId = isE164(event.number()) ? event.number() : fromNumber;
      return bxml(Bxml.transfer(callerId, callTimeout, targets, callbacks, null));
    }
    return Optional.empty();
  }

  private static Optional<WebhookAnswer> bxml(String body) {
    return Optional.of(new WebhookAnswer(Bxml.MEDIA_TYPE, body));
  }

  private static boolean isE164(String number) {
    return number != null && number.matches("\\+[1-9][0-9]{6,14}");
  }

  @Override
  public void close() {
    http.close();
  }

  /**
   * Sets one leg's state to {@code completed}.
   *
   * @return null when done; Bandwidth's rejection when the leg was already over (404, 409)
   * @throws ProviderException for any other failure
   */
  private ProviderRejectedException complete(String leg) {
    ObjectNode body = Payloads.JSON.createObjectNode().put("state", "completed");
    ProviderRequest request = ProviderRequest.postJson(callPath(leg), headers(), body.toString());
    ProviderResponse response = http.send(request);
    if (response.isSuccessful()) return null;
    ProviderException failure = answers.failure(request, response);
    if (failure instanceof ProviderRejectedException rejected
        && BandwidthV2Answers.legIsOver(response)) {
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

  private static String requireWebhookKey(ProviderConfig config, String key) {
    return config
        .get(key)
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .orElseThrow(
            () ->
                new ConfigException(
                    config.key(key),
                    "missing: Bandwidth v2 calls back with HTTP Basic only, with the credentials"
                        + " each call is given"));
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
   * Our webhook URL, where every callback goes: an absolute http or https URL without user
   * information (Bandwidth is given the Basic credentials on their own).
   */
  private static String callbackUrl(ProviderConfig config) {
    String raw = config.require(CALLBACK_BASE_URL).strip();
    String problem =
        "must be our webhook's absolute http or https URL with a host and no user or password"
            + " (e.g. https://crm.example.com/dialbridge/webhooks/bandwidth)";
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new ConfigException(config.key(CALLBACK_BASE_URL), problem);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null) {
      throw new ConfigException(config.key(CALLBACK_BASE_URL), problem);
    }
    return raw;
  }

  static List<String> keys() {
    return List.of(
        ACCOUNT_ID,
        APPLICATION_ID,
        USERNAME,
        PASSWORD,
        FROM_NUMBER,
        CALLBACK_BASE_URL,
        WEBHOOK_BASIC_USER,
        WEBHOOK_BASIC_PASSWORD,
        CALL_TIMEOUT);
  }
}
