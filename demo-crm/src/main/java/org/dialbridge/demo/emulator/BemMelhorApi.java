package org.dialbridge.demo.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BemMelhor / BM Telecom (Brazil): plain {@code GET}s with path parameters, no authentication.
 *
 * <ul>
 *   <li>{@code GET /api/call/{extension}/{target}} → {@code
 *       {"apiStatus":"CONECTION_OK",…,"data":{…,"callId"}}} (the vendor's spelling); the target is
 *       dialled as given: an extension, or {@code 0} + the national number. Not all digits → {@code
 *       apiStatus} {@code ERROR} with {@code data.error} (undocumented; what the adapter treats as
 *       a rejection).
 *   <li>{@code GET /api/status/{callId}} → {@code {"apiStatus":"SUCCESS","created","data":null}},
 *       as documented.
 *   <li>{@code GET /api/active/{extension}} → the extension's live call, its Asterisk channel state
 *       {@code RINGING} until answered then {@code UP}; {@code data: null} when it has none.
 * </ul>
 *
 * Webhooks: the documented {@code call.dialing} and {@code call.hangup} (with {@code to: "h"} and
 * the Asterisk disposition), and between them generic {@code ringing}/{@code answered} events,
 * which BemMelhor does not document (a customer's PBX may post its own). No hang-up endpoint
 * exists. An inbound call ({@link #ring}) is posted in the generic format only (BemMelhor documents
 * no event for it) and shows on the agent's extension as its active call.
 */
final class BemMelhorApi implements ProviderApi {
  private static final System.Logger LOG = System.getLogger(BemMelhorApi.class.getName());
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  private static final Pattern CALL = Pattern.compile("/api/call/([^/]+)/([^/]+)");
  private static final Pattern STATUS = Pattern.compile("/api/status/([^/]+)");
  private static final Pattern ACTIVE = Pattern.compile("/api/active/([^/]+)");

  private final ProviderSettings.BemMelhor settings;
  private final EmulatorContext context;
  private final Map<String, Live> calls = new ConcurrentHashMap<>();
  private final Map<String, Live> byExtension = new ConcurrentHashMap<>();
  private final AtomicLong channels = new AtomicLong();

  /** A call with what its active-call view needs. */
  private record Live(EmulatedCall call, String extension, String target, long channel) {}

  BemMelhorApi(ProviderSettings.BemMelhor settings, EmulatorContext context) {
    this.settings = settings;
    this.context = context;
  }

  @Override
  public Reply handle(ApiRequest request) {
    Matcher m;
    if ((m = CALL.matcher(request.path())).matches()) {
      return request.method().equals("GET")
          ? call(m.group(1), m.group(2))
          : Reply.methodNotAllowed();
    }
    if ((m = STATUS.matcher(request.path())).matches()) {
      return request.method().equals("GET") ? status() : Reply.methodNotAllowed();
    }
    if ((m = ACTIVE.matcher(request.path())).matches()) {
      return request.method().equals("GET") ? active(m.group(1)) : Reply.methodNotAllowed();
    }
    return Reply.notFound();
  }

  private Reply call(String extension, String target) {
    Instant now = context.now();
    if (!extension.matches("\\d+") || !target.matches("\\d+")) {
      ObjectNode data =
          Json.object()
              .putNull("key")
              .put("status", "FAILED")
              .put("created", TIMESTAMP.format(now))
              .put("from", extension)
              .put("to", target)
              .put("error", "Ramal ou destino inválido")
              .putNull("callId")
              .putNull("serverMessage");
      return Reply.json(
          200,
          Json.object()
              .put("apiStatus", "ERROR")
              .put("created", TIMESTAMP.format(now))
              .set("data", data));
    }
    String callId = Ids.hex(16);
    Live live =
        new Live(
            new EmulatedCall(callId, target, context, new Events(extension, target)),
            extension,
            target,
            channels.getAndAdd(2) + 2);
    calls.put(callId, live);
    byExtension.put(extension, live);
    LOG.log(
        Level.DEBUG,
        () ->
            "BemMelhor call "
                + callId
                + ": "
                + extension
                + " → "
                + Numbers.mask(target)
                + " ("
                + live.call().outcome()
                + ")");
    ObjectNode data =
        Json.object()
            .put("key", callId)
            .put("status", "IN_PROGRESS")
            .put("created", TIMESTAMP.format(context.now()))
            .put("from", extension)
            .put("to", target)
            .putNull("error")
            .put("callId", callId)
            .putNull("serverMessage");
    return Reply.json(
            200,
            Json.object()
                .put("apiStatus", "CONECTION_OK")
                .put("created", TIMESTAMP.format(now))
                .set("data", data))
        .then(live.call()::start);
  }

  private Reply status() {
    // documented with "data": null whatever the call; nothing more is known of its shape
    return Reply.json(
        200,
        Json.object()
            .put("apiStatus", "SUCCESS")
            .put("created", TIMESTAMP.format(context.now()))
            .putNull("data"));
  }

  private Reply active(String extension) {
    ObjectNode body =
        Json.object().put("apiStatus", "SUCCESS").put("created", TIMESTAMP.format(context.now()));
    Live live = byExtension.get(extension);
    EmulatedCall.State state = live == null ? EmulatedCall.State.ENDED : live.call().state();
    if (state == EmulatedCall.State.ENDED) return Reply.json(200, body.putNull("data"));
    boolean up = state == EmulatedCall.State.ANSWERED;
    ObjectNode data = body.putObject("data");
    data.put("id", live.call().created().getEpochSecond() + "." + live.channel())
        .put("name", String.format("SIP/%s-%08x", extension, live.channel()))
        .putNull("channel");
    data.putObject("callerId").put("name", extension).put("number", extension);
    data.put("state", up ? "UP" : "RINGING")
        .putNull("account")
        .put("dateOfCreation", TIMESTAMP.format(live.call().created()));
    if (up) {
      data.put("linkedChannel", String.format("SIP/domain-%08x", live.channel() + 1));
    } else {
      data.putNull("linkedChannel");
    }
    return Reply.json(200, body);
  }

  /** An inbound call ringing the agent, posted in the generic format ({@link GenericRing}). */
  @Override
  public Optional<String> ring(Ring ring, URI base) {
    String callId = Ids.hex(16);
    EmulatedCall call =
        GenericRing.start(
            callId, ring, settings.name(), settings.webhookUrl(), settings.webhookToken(), context);
    Live live = new Live(call, ring.agent(), ring.from(), channels.getAndAdd(2) + 2);
    calls.put(callId, live);
    if (ring.agent() != null) byExtension.put(ring.agent(), live);
    return Optional.of(callId);
  }

  @Override
  public void forgetCallsEndedBefore(Instant cutoff) {
    calls.values().removeIf(live -> live.call().endedBefore(cutoff));
    byExtension.values().removeIf(live -> live.call().endedBefore(cutoff));
  }

  /**
   * Asterisk's CDR disposition for how the call ended (a declined call reads as busy to Asterisk).
   */
  static String disposition(EmulatedCall.End end) {
    return switch (end) {
      case COMPLETED -> "ANSWERED";
      case BUSY, REJECTED -> "BUSY";
      case NO_ANSWER, CANCELED -> "NO ANSWER";
      case FAILED -> "FAILED";
    };
  }

  /**
   * Posts the documented dialing/hang-up webhooks and the generic ringing/answered ones in between.
   */
  private final class Events implements EmulatedCall.Listener {
    private final WebhookSender.Channel channel = context.webhooks().channel();
    private final String extension;
    private final String target;

    Events(String extension, String target) {
      this.extension = extension;
      this.target = target;
    }

    @Override
    public void dialing(EmulatedCall call) {
      postDocumented("call.dialing", call, target, "Chamando o destino", null);
    }

    @Override
    public void ringing(EmulatedCall call) {
      postGeneric("ringing", call);
    }

    @Override
    public void answered(EmulatedCall call) {
      postGeneric("answered", call);
    }

    @Override
    public void ended(EmulatedCall call, EmulatedCall.End end) {
      // "h" is Asterisk's hang-up extension; the message is the vendor's, typo included
      postDocumented("call.hangup", call, "h", "Ligação cncerrada", disposition(end));
    }

    private void postDocumented(
        String event, EmulatedCall call, String to, String serverMessage, String disposition) {
      ObjectNode data =
          Json.object()
              .put("created", context.now().toEpochMilli())
              .put("from", extension)
              .put("to", to)
              .putNull("error")
              .put("callId", call.id())
              .put("serverMessage", serverMessage);
      if (disposition == null) {
        data.putNull("disposition");
      } else {
        data.put("disposition", disposition);
      }
      ObjectNode body = Json.object().put("event", event).put("clientId", settings.clientId());
      body.set("data", data);
      channel.post(
          WebhookSender.Webhook.json(
              settings.name(),
              event,
              settings.webhookUrl(),
              settings.webhookToken(),
              Json.write(body)));
    }

    private void postGeneric(String event, EmulatedCall call) {
      channel.post(
          GenericEvents.webhook(
              settings.name(),
              settings.webhookUrl(),
              settings.webhookToken(),
              event,
              call.id(),
              null,
              context.now()));
    }
  }
}
