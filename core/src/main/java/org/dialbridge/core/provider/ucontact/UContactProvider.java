package org.dialbridge.core.provider.ucontact;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.error.ProviderAuthenticationException;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.error.ProviderTimeoutException;
import org.dialbridge.core.error.ProviderUnavailableException;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
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
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.Secret;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookParser;
import org.dialbridge.core.spi.WebhookRequest;

/**
 * uContact's Integra API. Requests are form-encoded with {@code Authorization: Basic <token>}, the
 * token being either configured ({@code token}) or obtained from {@code getUserToken} with
 * {@code user} and {@code password}, cached, and obtained again once after a 401. uContact answers
 * many errors with HTTP 200 and the body {@code 0}: such a body is always a refusal. A call is
 * placed with {@code AgentCall} (the agent's phone rings first) and identified by the GUID it
 * answers; {@code HangupPhone} hangs up whatever the agent's phone is doing. There is no status
 * endpoint: outcomes come from the account's webhooks ({@code FinishInteraction},
 * {@code AgentRingNoAnswer}).
 */
final class UContactProvider implements TelephonyProvider {
  static final String AGENT_CALL_PATH = "/Integra/resources/Agents/AgentCall";
  static final String HANGUP_PATH = "/Integra/resources/Agents/HangupPhone";
  static final String TOKEN_PATH = "/Integra/resources/auth/getUserToken";

  private static final System.Logger LOG = System.getLogger(UContactProvider.class.getName());

  private static final Capabilities CAPABILITIES = new Capabilities(true, true, false, false,
      EnumSet.of(EventType.HANGUP, EventType.OTHER));

  /** The documented answer is a GUID; other opaque ids are accepted if they look like one. */
  private static final Pattern GUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{5,127}");
  /** base64 (also URL-safe) plus the few characters an opaque token might use; never whitespace. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/=._~-]{1,4096}");

  /** The keys of a {@code type=ucontact} section, by short name (see {@link #keys()}). */
  private static final String TOKEN_KEY = "token";
  private static final String USER = "user";
  private static final String PASSWORD = "password";
  private static final String CALLER_ID = "callerid";
  private static final String CONTEXT = "context";
  private static final String OUTQUEUE = "outqueue";
  private static final String TECH = "tech";
  private static final String NUMBER_FORMAT = "number-format";

  private final String name;
  private final Secret staticToken;
  private final String user;
  private final Secret password;
  private final String callerId;
  private final String dialContext;
  private final String outqueue;
  private final String tech;
  private final NumberFormat numberFormat;
  private final ProviderHttpClient http;
  private final WebhookParser parser;

  private final ReentrantLock tokenLock = new ReentrantLock();
  private volatile Secret cachedToken;

  /** How the customer's number is written in {@code destination}. */
  enum NumberFormat {
    /** E.164 without the plus, {@code 5114115001}: what uContact's own examples use. */
    E164_DIGITS,
    /** {@code +5114115001} */
    E164,
    /** The national significant number, {@code 14115001}. */
    NATIONAL
  }

  UContactProvider(ProviderConfig config, ProviderContext context) {
    this.name = config.name();
    Optional<Secret> token = config.secret(TOKEN_KEY);
    Optional<String> configuredUser = config.get(USER);
    Optional<Secret> configuredPassword = config.secret(PASSWORD);
    if (token.isPresent()) {
      if (configuredUser.isPresent() || configuredPassword.isPresent()) {
        throw new ConfigException(config.key(TOKEN_KEY),
            "give either token or user and password, not both");
      }
      this.staticToken = token.get();
      this.user = null;
      this.password = null;
    } else {
      if (configuredUser.isEmpty() && configuredPassword.isEmpty()) {
        throw new ConfigException(config.key(TOKEN_KEY),
            "required for type " + config.type() + " unless user and password are given");
      }
      this.staticToken = null;
      this.user = config.require(USER);
      this.password = config.requireSecret(PASSWORD);
    }
    this.callerId = config.require(CALLER_ID);
    this.dialContext = config.require(CONTEXT);
    this.outqueue = config.require(OUTQUEUE);
    this.tech = config.get(TECH, "SIP");
    String format = config.get(NUMBER_FORMAT, "e164-digits");
    this.numberFormat = switch (format.toLowerCase(Locale.ROOT)) {
      case "e164-digits" -> NumberFormat.E164_DIGITS;
      case "e164" -> NumberFormat.E164;
      case "national" -> NumberFormat.NATIONAL;
      default -> throw new ConfigException(config.key(NUMBER_FORMAT),
          "must be e164-digits, e164 or national, was '" + format + "'");
    };
    this.http = ProviderHttpClient.create(config, context);
    this.parser = this::parseOwn;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return UContactProviderFactory.TYPE;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * Sends {@code AgentCall}. After a 401 with a token obtained from user and password, a new token
   * is obtained and the call sent once more: a 401 means uContact did not act on the request, so
   * this cannot ring anyone twice.
   */
  @Override
  public PlacedCall placeCall(CallRequest call) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("callerid", callerId);
    form.put("agent", call.agent().providerUser());
    form.put("phone", call.agent().extension());
    form.put("tech", tech);
    form.put("context", dialContext);
    form.put("outqueue", outqueue);
    form.put("destination", format(call.destination()));
    Exchange exchange = send(AGENT_CALL_PATH, form);
    ProviderResponse response = exchange.response();
    if (!response.isSuccessful()) throw Responses.failure(name, exchange.request(), response);
    String answer = unquote(response.body());
    if (answer.equals("0")) {
      throw new ProviderRejectedException(name, response.status(),
          "uContact refused the call (answered 0): check that agent " + call.agent().providerUser()
              + " is logged in with phone " + call.agent().extension() + ", that outqueue '" + outqueue
              + "' is a manual campaign of that agent, and that callerid is the campaign's DID");
    }
    if (!looksLikeCallId(answer)) {
      throw Responses.unreadable(name, exchange.request(), response, "no call GUID");
    }
    return new PlacedCall(answer);
  }

  /** Sends {@code HangupPhone} for the agent's phone: uContact hangs up a phone, not a call. */
  @Override
  public void hangUp(HangupRequest hangup) {
    String phone = hangup.agentExtension();
    if (phone == null || phone.isBlank()) {
      throw new IllegalArgumentException("agentExtension is missing: uContact hangs up the agent's phone, not a call");
    }
    Exchange exchange = send(HANGUP_PATH, Map.of("phone", phone));
    ProviderResponse response = exchange.response();
    if (!response.isSuccessful()) throw Responses.failure(name, exchange.request(), response);
    if (unquote(response.body()).equals("0")) {
      throw new ProviderRejectedException(name, response.status(),
          "uContact refused to hang up (answered 0): phone " + phone + " has no call in progress, or is not an agent's phone");
    }
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

  /** A GUID as documented, or an opaque id with at least one digit (never a word like {@code OK}). */
  static boolean looksLikeCallId(String answer) {
    if (GUID.matcher(answer).matches()) return true;
    return IDENTIFIER.matcher(answer).matches() && answer.chars().anyMatch(Character::isDigit);
  }

  private String format(Destination destination) {
    return switch (numberFormat) {
      case E164_DIGITS -> destination.e164Digits();
      case E164 -> destination.e164();
      case NATIONAL -> destination.national();
    };
  }

  // --- authentication ---

  private record Exchange(ProviderRequest request, ProviderResponse response) {}

  private Exchange send(String path, Map<String, String> form) {
    Secret token = token();
    ProviderRequest request = authorized(path, token, form);
    ProviderResponse response = http.send(request);
    if (response.status() == 401 && staticToken == null) {
      LOG.log(Level.INFO, () -> name + ": uContact refused the cached token (HTTP 401); obtaining a new one");
      request = authorized(path, renewToken(token), form);
      response = http.send(request);
    }
    return new Exchange(request, response);
  }

  private static ProviderRequest authorized(String path, Secret token, Map<String, String> form) {
    return ProviderRequest.postForm(path, Map.of("Authorization", "Basic " + token.reveal()), form);
  }

  private Secret token() {
    if (staticToken != null) return staticToken;
    Secret token = cachedToken;
    if (token != null) return token;
    tokenLock.lock();
    try {
      if (cachedToken == null) cachedToken = login();
      return cachedToken;
    } finally {
      tokenLock.unlock();
    }
  }

  /** A new token in place of {@code stale}, unless another thread already replaced it. */
  private Secret renewToken(Secret stale) {
    tokenLock.lock();
    try {
      if (cachedToken == null || cachedToken == stale) {
        cachedToken = null;
        cachedToken = login();
      }
      return cachedToken;
    } finally {
      tokenLock.unlock();
    }
  }

  /**
   * A token from {@code getUserToken}. Its failures say the request that needed it was never sent
   * ({@code outcomeUnknown} false), and never show the answer's body, which may be a token.
   */
  private Secret login() {
    ProviderRequest request = ProviderRequest.postForm(TOKEN_PATH, Map.of(),
        orderedForm("user", user, "password", password.reveal()));
    ProviderResponse response;
    try {
      response = http.send(request);
    } catch (ProviderTimeoutException e) {
      throw new ProviderTimeoutException(name, "no token from getUserToken in time", false, e);
    } catch (ProviderUnavailableException e) {
      throw new ProviderUnavailableException(name, null, "could not obtain a token from getUserToken", false, e);
    }
    if (response.status() == 401 || response.status() == 403) {
      throw new ProviderAuthenticationException(name, response.status(), "getUserToken refused user " + user);
    }
    if (!response.isSuccessful()) {
      throw new ProviderUnavailableException(name, response.status(),
          "could not obtain a token from getUserToken: " + Responses.message(response).orElse("no message"), false, null);
    }
    String token = unquote(response.body());
    if (token.isEmpty() || token.equals("0")) {
      throw new ProviderAuthenticationException(name, response.status(),
          "getUserToken answered " + (token.isEmpty() ? "nothing" : "0") + ": check user " + user + " and its password");
    }
    if (!TOKEN.matcher(token).matches()) {
      throw new ProviderUnavailableException(name, response.status(),
          "getUserToken answered something that is not a token", false, null);
    }
    return Secret.of(token);
  }

  private static Map<String, String> orderedForm(String k1, String v1, String k2, String v2) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put(k1, v1);
    form.put(k2, v2);
    return form;
  }

  /** A plain-text answer without surrounding whitespace or quotes (some gateways add them). */
  static String unquote(String body) {
    String s = body.strip();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1).strip();
    return s;
  }

  // --- webhooks ---

  /**
   * uContact's account webhooks: JSON with {@code event} and {@code date}. Dedupe key
   * {@code event|guid (else agent)|date}, the date as received; without a date, a digest of the
   * body stands in for it so distinct deliveries do not collapse into one.
   */
  private List<ProviderEvent> parseOwn(WebhookRequest request) {
    String payload = request.bodyText();
    JsonNode body = Payloads.object(payload);
    String event = Payloads.requireText(body, "event");
    Optional<String> date = Payloads.text(body, "date");
    Optional<String> guid = Payloads.text(body, "guid");
    Optional<String> agent = Payloads.text(body, "agent");
    String key = event + "|" + guid.or(() -> agent).orElse("") + "|" + date.orElseGet(() -> digest(payload));
    ProviderEvent.Builder b;
    switch (event.toLowerCase(Locale.ROOT)) {
      case "finishinteraction" -> {
        String callGuid = guid.orElseThrow(() -> new WebhookParseException("guid", "missing in " + event));
        b = ProviderEvent.builder(key, EventType.HANGUP, payload)
            .ended(cause(event), event)
            .providerCallId(callGuid);
      }
      case "agentringnoanswer" -> {
        Optional<String> agentNumber = Payloads.text(body, "agentNumber");
        if (agentNumber.isEmpty() && agent.isEmpty()) {
          throw new WebhookParseException("agentNumber", "missing in " + event + " (and no agent either)");
        }
        // names the agent's phone, not the call: the store matches it to the call ringing there, to
        // this customer's number, or by the guid where a payload carries one
        b = ProviderEvent.builder(key, EventType.HANGUP, payload)
            .ended(cause(event), event)
            .providerCallId(guid.orElse(null))
            .agentExtension(agentNumber.orElse(null))
            .number(Payloads.text(body, "callerIdNum").orElse(null));
      }
      // agent events (AgentLog, AgentBreak) belong to no call; anything else is kept for audit
      default -> b = ProviderEvent.builder(key, EventType.OTHER, payload).providerCallId(guid.orElse(null));
    }
    return List.of(b.occurredAt(date.flatMap(Payloads::lenientInstant).orElse(null)).build());
  }

  private static HangupCause cause(String event) {
    return UContactProviderFactory.CAUSES.map(event);
  }

  private static String digest(String payload) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static List<String> keys() {
    return List.of(TOKEN_KEY, USER, PASSWORD, CALLER_ID, CONTEXT, OUTQUEUE, TECH, NUMBER_FORMAT);
  }
}
