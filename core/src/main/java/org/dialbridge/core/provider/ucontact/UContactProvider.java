package org.dialbridge.core.provider.ucontact;

import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.phone.Destination;
import org.dialbridge.core.phone.PhoneNumbers;
import org.dialbridge.core.provider.support.ProviderHttpClient;
import org.dialbridge.core.provider.support.ProviderResponse;
import org.dialbridge.core.provider.support.Responses;
import org.dialbridge.core.spi.CallRequest;
import org.dialbridge.core.spi.Capabilities;
import org.dialbridge.core.spi.DispositionRequest;
import org.dialbridge.core.spi.HangupRequest;
import org.dialbridge.core.spi.PlacedCall;
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.Secret;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookParser;

/**
 * uContact's Integra API. Requests are form-encoded with {@code Authorization: Basic <token>}, the
 * token being either configured ({@code token}) or obtained from {@code getUserToken} with {@code
 * user} and {@code password}, cached, and obtained again once after a 401. uContact answers many
 * errors with HTTP 200 and the body {@code 0}: such a body is always a refusal. A call is placed
 * with {@code AgentCall} (the agent's phone rings first) and identified by the GUID it answers;
 * {@code HangupPhone} hangs up whatever the agent's phone is doing. There is no status endpoint:
 * outcomes come from the account's webhooks ({@code FinishInteraction}, {@code AgentRingNoAnswer}).
 * The agent's wrap-up goes to {@code DispositionCall} (see {@link UContactDispositions}).
 */
final class UContactProvider implements TelephonyProvider {
  static final String AGENT_CALL_PATH = "/Integra/resources/Agents/AgentCall";
  static final String HANGUP_PATH = "/Integra/resources/Agents/HangupPhone";
  static final String DISPOSITION_PATH = "/Integra/resources/api/DispositionCall";
  static final String TOKEN_PATH = UContactSession.TOKEN_PATH;

  private static final System.Logger LOG = System.getLogger(UContactProvider.class.getName());

  private static final Capabilities CAPABILITIES =
      new Capabilities(
          true, true, false, false, EnumSet.of(EventType.HANGUP, EventType.OTHER), true);

  /** The documented answer is a GUID; other opaque ids are accepted if they look like one. */
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{5,127}");

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
  private final String callerId;
  private final String dialContext;
  private final String outqueue;
  private final String tech;
  private final NumberFormat numberFormat;
  private final UContactDispositions dispositions;
  private final PhoneNumbers phoneNumbers;
  private final ProviderHttpClient http;
  private final UContactSession session;
  private final WebhookParser parser;

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
        throw new ConfigException(
            config.key(TOKEN_KEY), "give either token or user and password, not both");
      }
    } else {
      if (configuredUser.isEmpty() && configuredPassword.isEmpty()) {
        throw new ConfigException(
            config.key(TOKEN_KEY),
            "required for type " + config.type() + " unless user and password are given");
      }
    }
    this.callerId = config.require(CALLER_ID);
    this.dialContext = config.require(CONTEXT);
    this.outqueue = config.require(OUTQUEUE);
    this.tech = config.get(TECH, "SIP");
    String format = config.get(NUMBER_FORMAT, "e164-digits");
    this.numberFormat =
        switch (format.toLowerCase(Locale.ROOT)) {
          case "e164-digits" -> NumberFormat.E164_DIGITS;
          case "e164" -> NumberFormat.E164;
          case "national" -> NumberFormat.NATIONAL;
          default ->
              throw new ConfigException(
                  config.key(NUMBER_FORMAT),
                  "must be e164-digits, e164 or national, was '" + format + "'");
        };
    this.dispositions = UContactDispositions.read(config, outqueue);
    this.phoneNumbers = context.phoneNumbers();
    this.http = ProviderHttpClient.create(config, context);
    this.session =
        token.isPresent()
            ? new UContactSession(name, token.get(), null, null, http)
            : new UContactSession(
                name, null, config.require(USER), config.requireSecret(PASSWORD), http);
    this.parser = UContactWebhooks::parse;
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
    UContactSession.Exchange exchange = session.send(AGENT_CALL_PATH, form);
    ProviderResponse response = exchange.response();
    if (!response.isSuccessful()) throw Responses.failure(name, exchange.request(), response);
    String answer = UContactSession.unquote(response.body());
    if (answer.equals("0")) {
      throw new ProviderRejectedException(
          name,
          response.status(),
          "uContact refused the call (answered 0): check that agent "
              + call.agent().providerUser()
              + " is logged in with phone "
              + call.agent().extension()
              + ", that outqueue '"
              + outqueue
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
      throw new IllegalArgumentException(
          "agentExtension is missing: uContact hangs up the agent's phone, not a call");
    }
    UContactSession.Exchange exchange = session.send(HANGUP_PATH, Map.of("phone", phone));
    ProviderResponse response = exchange.response();
    if (!response.isSuccessful()) throw Responses.failure(name, exchange.request(), response);
    if (UContactSession.unquote(response.body()).equals("0")) {
      throw new ProviderRejectedException(
          name,
          response.status(),
          "uContact refused to hang up (answered 0): phone "
              + phone
              + " has no call in progress, or is not an agent's phone");
    }
  }

  /**
   * Sends {@code DispositionCall}, re-authenticating after a 401 like {@link #placeCall}: a 401
   * means uContact recorded nothing, so the disposition cannot be recorded twice.
   */
  @Override
  public void sendDisposition(DispositionRequest disposition) {
    Map<String, String> form = dispositions.form(disposition, customerNumber(disposition));
    UContactSession.Exchange exchange = session.send(DISPOSITION_PATH, form);
    ProviderResponse response = exchange.response();
    if (!response.isSuccessful()) throw Responses.failure(name, exchange.request(), response);
    if (UContactSession.unquote(response.body()).equals("0")) {
      throw new ProviderRejectedException(
          name,
          response.status(),
          "uContact refused the disposition (answered 0): check that call "
              + disposition.providerCallId()
              + " is one of uContact's, taken by agent "
              + disposition.agent().providerUser()
              + " in campaign '"
              + dispositions.campaign()
              + "'");
    }
    LOG.log(
        Level.INFO,
        () ->
            name
                + ": disposition "
                + disposition.disposition()
                + " of call "
                + disposition.callId()
                + " ("
                + PhoneNumbers.mask(disposition.customerNumber())
                + ") recorded at uContact as "
                + String.join("/", dispositions.levels(disposition.disposition())));
  }

  /**
   * DispositionCall's {@code callerid} is the customer's number (AgentCall's is the campaign's
   * DID), written as AgentCall writes {@code destination} so uContact sees the same number twice.
   */
  private String customerNumber(DispositionRequest disposition) {
    String number = disposition.customerNumber();
    if (number == null || number.isBlank()) return "";
    return phoneNumbers.tryParse(number).map(this::format).orElse(number.strip());
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
   * A GUID as documented, or an opaque id with at least one digit (never a word like {@code OK}).
   */
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

  static List<String> keys() {
    return List.of(
        TOKEN_KEY,
        USER,
        PASSWORD,
        CALLER_ID,
        CONTEXT,
        OUTQUEUE,
        TECH,
        NUMBER_FORMAT,
        UContactDispositions.CAMPAIGN_KEY,
        UContactDispositions.TIME_ZONE_KEY,
        UContactDispositions.LEVELS_PREFIX);
  }
}
