package org.dialbridge.core.provider.c3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dialbridge.core.error.ConfigException;
import org.dialbridge.core.error.WebhookParseException;
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
import org.dialbridge.core.spi.ProviderConfig;
import org.dialbridge.core.spi.ProviderContext;
import org.dialbridge.core.spi.Secret;
import org.dialbridge.core.spi.TelephonyProvider;
import org.dialbridge.core.spi.WebhookParser;

/**
 * C3 (Peru). Every request carries {@code Authorization: Bearer <token>} and JSON; answers are
 * {@code {"message", "data"}}. Hang-up is documented ({@code POST /api/v1/calls/hangup}); the
 * originate page is not public, so its path, field names and number format are configuration (the
 * keys: docs/providers.md, "C3"). C3 documents no status, active-call or webhook API: events arrive
 * in the generic format.
 */
final class C3Provider implements TelephonyProvider {
  static final String HANGUP_PATH = "/api/v1/calls/hangup";

  private static final Capabilities CAPABILITIES =
      new Capabilities(
          true,
          true,
          false,
          false,
          EnumSet.of(EventType.DIALING, EventType.RINGING, EventType.ANSWERED, EventType.HANGUP));

  /** The keys of a {@code type=c3} section, by short name (see {@link #keys()}). */
  private static final String TOKEN = "token";

  private static final String ORIGINATE_PATH = "originate-path";
  private static final String AGENT_FIELD = "agent-field";
  private static final String NUMBER_FIELD = "number-field";
  private static final String NUMBER_FORMAT = "number-format";
  private static final String ORIGINATE_EXTRA = "originate-extra.";

  private final String name;
  private final Secret token;
  private final String originatePath;
  private final String agentField;
  private final String numberField;
  private final NumberFormat numberFormat;
  private final Map<String, String> originateExtra;
  private final ProviderHttpClient http;
  private final WebhookParser parser;

  /** How the customer's number is written in the originate request. */
  enum NumberFormat {
    /** {@code +5115551234} */
    E164,
    /** The national significant number, {@code 15551234}. */
    NATIONAL
  }

  C3Provider(ProviderConfig config, ProviderContext context) {
    this.name = config.name();
    this.token = config.requireSecret(TOKEN);
    this.originatePath = config.get(ORIGINATE_PATH, "/api/v1/calls/originate");
    if (!originatePath.startsWith("/")) {
      throw new ConfigException(
          config.key(ORIGINATE_PATH), "must start with /, was '" + originatePath + "'");
    }
    this.agentField = config.get(AGENT_FIELD, "agent");
    this.numberField = config.get(NUMBER_FIELD, "phone");
    String format = config.get(NUMBER_FORMAT, "e164");
    this.numberFormat =
        switch (format.toLowerCase(Locale.ROOT)) {
          case "e164" -> NumberFormat.E164;
          case "national" -> NumberFormat.NATIONAL;
          default ->
              throw new ConfigException(
                  config.key(NUMBER_FORMAT), "must be e164 or national, was '" + format + "'");
        };
    this.originateExtra = config.withPrefix(ORIGINATE_EXTRA);
    this.http = ProviderHttpClient.create(config, context);
    this.parser =
        request -> {
          throw new WebhookParseException(
              "event",
              "C3 has no webhook format of its own; send the generic event (dialing, ringing,"
                  + " answered, hangup)");
        };
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return C3ProviderFactory.TYPE;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public PlacedCall placeCall(CallRequest call) {
    ObjectNode body = Payloads.JSON.createObjectNode();
    originateExtra.forEach(body::put);
    body.put(agentField, call.agent().extension());
    body.put(numberField, format(call.destination()));
    ProviderRequest request = ProviderRequest.postJson(originatePath, headers(), body.toString());
    ProviderResponse response = http.send(request);
    if (!response.isSuccessful()) throw Responses.failure(name, request, response);
    JsonNode root = Responses.json(name, request, response);
    String actionId =
        Payloads.text(root, "data.actionid")
            .or(() -> Payloads.text(root, "actionid"))
            .orElseThrow(() -> Responses.unreadable(name, request, response, "no actionid"));
    return new PlacedCall(actionId);
  }

  @Override
  public void hangUp(HangupRequest hangup) {
    ObjectNode body = Payloads.JSON.createObjectNode().put("actionid", hangup.providerCallId());
    ProviderRequest request = ProviderRequest.postJson(HANGUP_PATH, headers(), body.toString());
    ProviderResponse response = http.send(request);
    if (!response.isSuccessful()) throw Responses.failure(name, request, response);
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

  private String format(Destination destination) {
    return switch (numberFormat) {
      case E164 -> destination.e164();
      case NATIONAL -> destination.national();
    };
  }

  private Map<String, String> headers() {
    return Map.of("Authorization", "Bearer " + token.reveal(), "Accept", "application/json");
  }

  static List<String> keys() {
    return List.of(
        TOKEN, ORIGINATE_PATH, AGENT_FIELD, NUMBER_FIELD, NUMBER_FORMAT, ORIGINATE_EXTRA);
  }
}
