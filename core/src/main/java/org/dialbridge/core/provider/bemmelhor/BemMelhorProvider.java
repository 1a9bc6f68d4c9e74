package org.dialbridge.core.provider.bemmelhor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.provider.support.ProviderHttpClient;
import org.dialbridge.core.provider.support.ProviderRequest;
import org.dialbridge.core.provider.support.ProviderResponse;
import org.dialbridge.core.provider.support.Responses;
import org.dialbridge.core.spi.ActiveCall;
import org.dialbridge.core.spi.CallRequest;
import org.dialbridge.core.spi.Capabilities;
import org.dialbridge.core.spi.PlacedCall;
import org.dialbridge.core.spi.ProviderCallStatus;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.Secret;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookParser;

/**
 * BemMelhor / BM Telecom (Brazil), an Asterisk PBX behind a small HTTP API: every call is a {@code
 * GET} with path parameters, unauthenticated unless a gateway in front wants a static header
 * ({@code auth-header}/{@code auth-value}). Answers are {@code {"apiStatus", "created", "data"}}.
 * Click-to-call, the status of a finished call and the active call on an extension are documented;
 * hang-up is not, so it is unsupported. Webhooks report {@code call.dialing} and {@code
 * call.hangup}, carrying the customer's {@code clientId}, checked against {@code client-id} when
 * configured.
 */
final class BemMelhorProvider implements TelephonyProvider {
  static final String CALL_PATH = "/api/call/";
  static final String STATUS_PATH = "/api/status/";
  static final String ACTIVE_PATH = "/api/active/";

  private static final Capabilities CAPABILITIES =
      new Capabilities(true, false, true, true, EnumSet.of(EventType.DIALING, EventType.HANGUP));

  /**
   * The apiStatus words of a good answer: the vendor's own spelling, the one its read endpoints
   * use, and the correct spelling in case the vendor ever fixes it (a call that rings must not be
   * reported as refused).
   */
  private static final Set<String> OK = Set.of("CONECTION_OK", "SUCCESS", "CONNECTION_OK");

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern PREFIX = Pattern.compile("[0-9]{0,8}");

  /** The keys of a {@code type=bemmelhor} section, by short name (see {@link #keys()}). */
  private static final String CLIENT_ID = "client-id";

  private static final String DIAL_PREFIX = "dial-prefix";
  private static final String INTERNATIONAL_PREFIX = "international-prefix";
  private static final String AUTH_HEADER = "auth-header";
  private static final String AUTH_VALUE = "auth-value";
  private static final String HOME_REGION = "home-region";

  private final String name;
  private final DialFormat dial;
  private final Map<String, String> headers;
  private final ProviderHttpClient http;
  private final WebhookParser parser;

  BemMelhorProvider(ProviderConfig config, ProviderContext context) {
    this.name = config.name();
    this.dial = dialFormat(config);
    this.headers = headers(config);
    this.http = ProviderHttpClient.create(config, context);
    this.parser = new BemMelhorWebhooks(dial, config.get(CLIENT_ID).orElse(null))::parse;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return BemMelhorProviderFactory.TYPE;
  }

  @Override
  public Optional<String> outsideLinePrefix() {
    return Optional.of(dial.dialPrefix()).filter(p -> !p.isEmpty());
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public PlacedCall placeCall(CallRequest call) {
    String path =
        CALL_PATH
            + ProviderHttpClient.segment(call.agent().extension())
            + "/"
            + ProviderHttpClient.segment(dial.target(call.destination()));
    // A GET, but it rings a phone: never resent, and a lost answer leaves the outcome unknown.
    ProviderRequest request = ProviderRequest.getThatActs(path, headers);
    ProviderResponse response = http.send(request);
    JsonNode root = accepted(request, response);
    String callId =
        scalar(root, "data.callId")
            .or(() -> scalar(root, "data.key"))
            .orElseThrow(() -> Responses.unreadable(name, request, response, "no data.callId"));
    return new PlacedCall(callId);
  }

  /**
   * Asks for a finished call's status. The documented answer has {@code data: null}, which says
   * nothing; where {@code data} is an object, its {@code disposition} ends the call through {@link
   * BemMelhorProviderFactory#CAUSES} and {@code status: IN_PROGRESS} means dialling.
   */
  @Override
  public Optional<ProviderCallStatus> status(String providerCallId) {
    ProviderRequest request =
        ProviderRequest.get(STATUS_PATH + ProviderHttpClient.segment(providerCallId), headers);
    ProviderResponse response = http.send(request);
    JsonNode root = accepted(request, response);
    String apiStatus = scalar(root, "apiStatus").orElseThrow();
    Optional<JsonNode> data = Payloads.node(root, "data");
    if (data.isEmpty()) return Optional.of(ProviderCallStatus.unknown(apiStatus));
    if (!data.get().isObject()) {
      return Optional.of(
          ProviderCallStatus.unknown(data.get().isValueNode() ? data.get().asText() : apiStatus));
    }
    JsonNode d = data.get();
    Optional<String> disposition = scalar(d, "disposition");
    if (disposition.isPresent()) {
      HangupCause cause = BemMelhorProviderFactory.CAUSES.map(disposition.get());
      Instant answeredAt =
          cause == HangupCause.NORMAL_CLEARING ? time(d, "answer").orElse(null) : null;
      return Optional.of(
          new ProviderCallStatus(
              cause.status(), cause, disposition.get(), answeredAt, time(d, "end").orElse(null)));
    }
    Optional<String> state = scalar(d, "status");
    CallStatus status = state.map(BemMelhorProvider::progress).orElse(null);
    return Optional.of(new ProviderCallStatus(status, null, state.orElse(apiStatus), null, null));
  }

  @Override
  public Optional<ActiveCall> activeCall(String extension) {
    ProviderRequest request =
        ProviderRequest.get(ACTIVE_PATH + ProviderHttpClient.segment(extension), headers);
    ProviderResponse response = http.send(request);
    JsonNode root = accepted(request, response);
    Optional<JsonNode> data = Payloads.node(root, "data");
    if (data.isEmpty() || !data.get().isObject() || data.get().isEmpty()) return Optional.empty();
    JsonNode d = data.get();
    String state = scalar(d, "state").orElse(null);
    return Optional.of(
        new ActiveCall(
            scalar(d, "id").orElse(null),
            scalar(d, "name").or(() -> scalar(d, "channel")).orElse(null),
            state,
            channelStatus(state),
            scalar(d, "callerId.number").orElse(null),
            scalar(d, "linkedChannel").orElse(null),
            time(d, "dateOfCreation").orElse(null)));
  }

  @Override
  public WebhookParser webhookParser() {
    return parser;
  }

  @Override
  public void close() {
    http.close();
  }

  ProviderHttpClient http() {
    return http;
  }

  /**
   * An Asterisk channel state ({@code ast_state2str}) as a call status; null for {@code HUNGUP},
   * which is no longer a call, and for anything unknown.
   */
  static CallStatus channelStatus(String state) {
    if (state == null) return null;
    return switch (state.strip().toUpperCase(Locale.ROOT)) {
      case "DOWN", "RSRVD", "OFFHOOK", "DIALING", "DIALING_OFFHOOK", "PRERING" ->
          CallStatus.DIALING;
      case "RING", "RINGING" -> CallStatus.RINGING;
      case "UP" -> CallStatus.ANSWERED;
      case "BUSY" -> CallStatus.BUSY;
      default -> null;
    };
  }

  /**
   * The {@code status} of a call still going. Only {@code IN_PROGRESS} is documented (in the
   * click-to-call answer); the other words are guesses that cost nothing when absent.
   */
  private static CallStatus progress(String status) {
    return switch (status.toUpperCase(Locale.ROOT)) {
      case "IN_PROGRESS", "DIALING" -> CallStatus.DIALING;
      case "RINGING" -> CallStatus.RINGING;
      default -> null;
    };
  }

  /**
   * The body of a good answer.
   *
   * @throws org.dialbridge.core.error.ProviderException for an HTTP error, an unreadable body, or
   *     an answer whose {@code apiStatus} or {@code data.error} says no
   */
  private JsonNode accepted(ProviderRequest request, ProviderResponse response) {
    if (!response.isSuccessful()) throw Responses.failure(name, request, response);
    JsonNode root = Responses.json(name, request, response);
    String apiStatus =
        scalar(root, "apiStatus")
            .orElseThrow(() -> Responses.unreadable(name, request, response, "no apiStatus"));
    Optional<String> error = words(root, "data.error").or(() -> words(root, "error"));
    boolean ok = OK.contains(apiStatus.toUpperCase(Locale.ROOT));
    if (ok && error.isEmpty()) return root;
    List<String> said = new ArrayList<>();
    if (!ok) said.add(apiStatus);
    error.ifPresent(said::add);
    words(root, "data.serverMessage")
        .or(() -> words(root, "serverMessage"))
        .filter(m -> !said.contains(m))
        .ifPresent(said::add);
    throw new ProviderRejectedException(name, response.status(), String.join(": ", said));
  }

  /** A scalar's text; empty when absent, null, blank, an object or an array. Never throws. */
  private static Optional<String> scalar(JsonNode root, String path) {
    return Payloads.node(root, path)
        .filter(JsonNode::isValueNode)
        .map(JsonNode::asText)
        .map(String::strip)
        .filter(s -> !s.isEmpty());
  }

  /** What the provider said at {@code path}, whatever its shape; {@code false} says nothing. */
  private static Optional<String> words(JsonNode root, String path) {
    Optional<JsonNode> node = Payloads.node(root, path);
    if (node.isEmpty() || (node.get().isBoolean() && !node.get().asBoolean()))
      return Optional.empty();
    return node.get().isValueNode() ? scalar(root, path) : Optional.of(node.get().toString());
  }

  /** A time the PBX wrote as ISO-8601 with a {@code +0000} offset, or as epoch milliseconds. */
  private static Optional<Instant> time(JsonNode root, String path) {
    return scalar(root, path)
        .flatMap(t -> Payloads.lenientInstant(t).or(() -> Payloads.epochMillis(t)));
  }

  private static DialFormat dialFormat(ProviderConfig config) {
    // An explicitly empty dial-prefix is meaningful: a PBX that needs no outside-line digit.
    String raw = config.properties().get(DIAL_PREFIX);
    String dialPrefix = raw == null ? "0" : raw.strip();
    if (!PREFIX.matcher(dialPrefix).matches()) {
      throw new ConfigException(
          config.key(DIAL_PREFIX), "must be up to 8 digits, was '" + dialPrefix + "'");
    }
    String internationalPrefix = config.get(INTERNATIONAL_PREFIX, "00");
    if (internationalPrefix.isEmpty() || !PREFIX.matcher(internationalPrefix).matches()) {
      throw new ConfigException(
          config.key(INTERNATIONAL_PREFIX),
          "must be 1 to 8 digits, was '" + internationalPrefix + "'");
    }
    String homeRegion = config.get(HOME_REGION, "BR");
    if (!PhoneNumbers.isKnownRegion(homeRegion)) {
      throw new ConfigException(
          config.key(HOME_REGION),
          "must be an ISO 3166 region code such as BR, was '" + homeRegion + "'");
    }
    return new DialFormat(dialPrefix, internationalPrefix, homeRegion);
  }

  private static Map<String, String> headers(ProviderConfig config) {
    Optional<String> header = config.get(AUTH_HEADER);
    Optional<Secret> value = config.secret(AUTH_VALUE);
    if (header.isPresent() && value.isEmpty()) {
      throw new ConfigException(config.key(AUTH_VALUE), "required when auth-header is set");
    }
    if (value.isPresent() && header.isEmpty()) {
      throw new ConfigException(config.key(AUTH_HEADER), "required when auth-value is set");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (header.isPresent()) {
      if (!HEADER_NAME.matcher(header.get()).matches()) {
        throw new ConfigException(
            config.key(AUTH_HEADER), "not a valid HTTP header name: '" + header.get() + "'");
      }
      if (value.get().reveal().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new ConfigException(config.key(AUTH_VALUE), "contains control characters");
      }
      headers.put(header.get(), value.get().reveal());
    }
    return Map.copyOf(headers);
  }

  static List<String> keys() {
    return List.of(
        CLIENT_ID, DIAL_PREFIX, INTERNATIONAL_PREFIX, AUTH_HEADER, AUTH_VALUE, HOME_REGION);
  }
}
