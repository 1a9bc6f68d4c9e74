package org.dialbridge.demo.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * C3 (Peru): {@code Authorization: Bearer <token>} on every request (401 {@code
 * {"message":"Unauthenticated."}} otherwise), JSON in and out.
 *
 * <ul>
 *   <li>{@code POST /api/v1/calls/originate} {@code {"agent","phone"}} → 200 {@code
 *       {"message":"Llamada generada","data":{"actionid":"api_…"}}}; a missing field → 422. (The
 *       originate page is not public: these are the names Dialbridge's adapter sends by default.)
 *   <li>{@code POST /api/v1/calls/hangup} {@code {"actionid"}} → 200 with the documented body; an
 *       unknown or ended action → 422 {@code {"message"}} (C3 documents 422 for a missing
 *       resource).
 *   <li>{@code GET /api/v1/campaigns?channel=TELEPHONY&agent_username=…} → the documented list.
 * </ul>
 *
 * C3 documents no webhooks, so the call's progress is posted in Dialbridge's generic format; so is
 * an inbound call ({@link #ring}), which the hang-up endpoint then knows by its {@code callId}.
 */
final class C3Api implements ProviderApi {
  private static final System.Logger LOG = System.getLogger(C3Api.class.getName());

  private final ProviderSettings.C3 settings;
  private final EmulatorContext context;
  private final Map<String, EmulatedCall> calls = new ConcurrentHashMap<>();

  C3Api(ProviderSettings.C3 settings, EmulatorContext context) {
    this.settings = settings;
    this.context = context;
  }

  @Override
  public Reply handle(ApiRequest request) {
    if (settings.token() != null
        && !request
            .header("Authorization")
            .map(value -> Secrets.equal(value, "Bearer " + settings.token()))
            .orElse(false)) {
      return message(401, "Unauthenticated.");
    }
    return switch (request.path()) {
      case "/api/v1/calls/originate" ->
          request.method().equals("POST") ? originate(request) : Reply.methodNotAllowed();
      case "/api/v1/calls/hangup" ->
          request.method().equals("POST") ? hangup(request) : Reply.methodNotAllowed();
      case "/api/v1/campaigns" ->
          request.method().equals("GET") ? campaigns() : Reply.methodNotAllowed();
      default -> message(404, "Not Found");
    };
  }

  private Reply originate(ApiRequest request) {
    Optional<ObjectNode> body = Json.parseObject(request.body());
    if (body.isEmpty()) return message(422, "El cuerpo de la solicitud debe ser JSON.");
    Optional<String> agent = Json.text(body.get(), "agent");
    Optional<String> phone = Json.text(body.get(), "phone");
    if (agent.isEmpty()) return message(422, "El campo agent es obligatorio.");
    if (phone.isEmpty()) return message(422, "El campo phone es obligatorio.");

    String actionId = "api_" + Ids.alphanumeric(24);
    EmulatedCall call =
        new EmulatedCall(actionId, phone.get(), context, new Events(context.webhooks().channel()));
    calls.put(actionId, call);
    LOG.log(
        Level.DEBUG,
        () ->
            "C3 originate "
                + actionId
                + ": agent "
                + agent.get()
                + " → "
                + Numbers.mask(phone.get())
                + " ("
                + call.outcome()
                + ")");
    ObjectNode data = Json.object().put("actionid", actionId);
    return Reply.json(200, Json.object().put("message", "Llamada generada").set("data", data))
        .then(call::start);
  }

  private Reply hangup(ApiRequest request) {
    Optional<String> actionId =
        Json.parseObject(request.body()).flatMap(body -> Json.text(body, "actionid"));
    if (actionId.isEmpty()) return message(422, "El campo actionid es obligatorio.");
    EmulatedCall call = calls.get(actionId.get());
    if (call == null) return message(422, "El actionid " + actionId.get() + " no existe.");
    if (!call.hangUp()) return message(422, "La llamada " + actionId.get() + " ya finalizó.");
    ObjectNode data = Json.object().put("actionid", actionId.get());
    return Reply.json(
        200, Json.object().put("message", "La solicitud se completó con éxito!").set("data", data));
  }

  private static Reply campaigns() {
    ArrayNode data = Json.object().arrayNode();
    data.addObject()
        .put("id", 1)
        .put("name", "RECEPCION")
        .putNull("description")
        .put("updated_at", "2025-04-25T14:44:11.000000Z")
        .put("queue", "30000");
    data.addObject()
        .put("id", 2)
        .put("name", "VENTAS")
        .put("description", "Campaña de ventas salientes")
        .put("updated_at", "2025-05-02T09:12:40.000000Z")
        .put("queue", "30001");
    return Reply.json(
        200, Json.object().put("message", "Campañas obtenidas correctamente").set("data", data));
  }

  private static Reply message(int status, String message) {
    return Reply.json(status, Json.object().put("message", message));
  }

  /** An inbound call ringing the agent, posted in the generic format ({@link GenericRing}). */
  @Override
  public Optional<String> ring(Ring ring, URI base) {
    String callId = "api_" + Ids.alphanumeric(24);
    calls.put(
        callId,
        GenericRing.start(
            callId,
            ring,
            settings.name(),
            settings.webhookUrl(),
            settings.webhookToken(),
            context));
    return Optional.of(callId);
  }

  @Override
  public void forgetCallsEndedBefore(Instant cutoff) {
    calls.values().removeIf(call -> call.endedBefore(cutoff));
  }

  /** Posts the call's progress as generic events to the configured webhook URL. */
  private final class Events implements EmulatedCall.Listener {
    private final WebhookSender.Channel channel;

    Events(WebhookSender.Channel channel) {
      this.channel = channel;
    }

    @Override
    public void dialing(EmulatedCall call) {
      post("dialing", call, null);
    }

    @Override
    public void ringing(EmulatedCall call) {
      post("ringing", call, null);
    }

    @Override
    public void answered(EmulatedCall call) {
      post("answered", call, null);
    }

    @Override
    public void ended(EmulatedCall call, EmulatedCall.End end) {
      post("hangup", call, end.cause());
    }

    private void post(String event, EmulatedCall call, String cause) {
      channel.post(
          GenericEvents.webhook(
              settings.name(),
              settings.webhookUrl(),
              settings.webhookToken(),
              event,
              call.id(),
              cause,
              context.now()));
    }
  }
}
