package org.dialbridge.demo.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * uContact's Integra API: {@code Authorization: Basic <token>} (the token as issued, not encoded
 * again), form-encoded requests, plain-text answers, and uContact's habit of answering HTTP 200
 * with body {@code 0} on error.
 *
 * <ul>
 *   <li>{@code POST /Integra/resources/auth/getUserToken} ({@code user}, {@code password}; no
 *       authentication) → the token as text, {@code 0} for unknown credentials.
 *   <li>{@code POST /Integra/resources/Agents/AgentCall} ({@code callerid}, {@code agent}, {@code
 *       phone}, {@code tech}, {@code context}, {@code outqueue}, {@code destination}, all required)
 *       → the call's GUID as text; {@code 0} when a field is missing or empty.
 *   <li>{@code POST /Integra/resources/Agents/HangupPhone} ({@code phone}) → {@code 1} after
 *       hanging up that phone's live call, {@code 0} when it has none.
 *   <li>{@code POST /Integra/resources/api/DispositionCall} ({@code guid} and {@code agent}
 *       required; {@code campaign}, {@code callerid}, {@code l1} to {@code l3}, {@code comment},
 *       {@code schedule}, {@code camptoreschedule}, {@code tag} taken as sent) → {@code 1} for a
 *       call this emulator placed, {@code 0} for an unknown GUID or a missing field. Like every
 *       request it is kept in {@link ProviderEmulator#apiCalls()}, where tests read it.
 * </ul>
 *
 * Webhooks (dates {@code yyyy-MM-dd HH:mm:ss} in the clock's zone): {@code FinishInteraction} when
 * an answered call ends, {@code AgentRingNoAnswer} when nobody answers. uContact documents no
 * dialing, ringing or answered event, so generic {@code dialing}/{@code ringing}/{@code answered}
 * events are sent for the GUID, and a generic {@code hangup} with its cause after the documented
 * event (or alone, for a busy, failed, rejected or cancelled call, which uContact documents no
 * event for).
 */
final class UContactApi implements ProviderApi {
  private static final System.Logger LOG = System.getLogger(UContactApi.class.getName());
  private static final String PREFIX = "/Integra/resources";
  private static final String AGENT_CALL = PREFIX + "/Agents/AgentCall";
  private static final String HANGUP_PHONE = PREFIX + "/Agents/HangupPhone";
  private static final String DISPOSITION_CALL = PREFIX + "/api/DispositionCall";
  private static final List<String> DISPOSITION_FIELDS = List.of("guid", "agent");
  private static final List<String> AGENT_CALL_FIELDS =
      List.of("callerid", "agent", "phone", "tech", "context", "outqueue", "destination");

  private final ProviderSettings.UContact settings;
  private final EmulatorContext context;
  private final DateTimeFormatter dates;
  private final Map<String, EmulatedCall> calls = new ConcurrentHashMap<>();
  private final Map<String, EmulatedCall> byPhone = new ConcurrentHashMap<>();

  UContactApi(ProviderSettings.UContact settings, EmulatorContext context) {
    this.settings = settings;
    this.context = context;
    this.dates =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(context.clock().getZone());
  }

  @Override
  public Reply handle(ApiRequest request) {
    String path = request.path();
    boolean known =
        path.equals(PREFIX + "/auth/getUserToken")
            || path.equals(AGENT_CALL)
            || path.equals(HANGUP_PHONE)
            || path.equals(DISPOSITION_CALL);
    if (!known) return Reply.notFound();
    if (!request.method().equals("POST")) return Reply.methodNotAllowed();
    if (path.equals(PREFIX + "/auth/getUserToken")) return userToken(request.form());
    if (settings.token() != null && !request.hasBasic(settings.token()))
      return Reply.text(401, "Unauthorized");
    if (path.equals(AGENT_CALL)) return agentCall(request.form());
    if (path.equals(HANGUP_PHONE)) return hangupPhone(request.form());
    return dispositionCall(request.form());
  }

  private Reply userToken(Map<String, String> form) {
    if (settings.user() == null
        || !Secrets.equal(form.get("user"), settings.user())
        || !Secrets.equal(form.get("password"), settings.password())) {
      return Reply.text(200, "0");
    }
    String token =
        settings.token() != null
            ? settings.token()
            : Base64.getEncoder()
                .encodeToString(
                    (settings.user() + ":" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
    return Reply.text(200, token);
  }

  private Reply agentCall(Map<String, String> form) {
    for (String field : AGENT_CALL_FIELDS) {
      String value = form.get(field);
      if (value == null || value.isBlank()) {
        LOG.log(Level.DEBUG, () -> "uContact AgentCall without " + field + ": answering 0");
        return Reply.text(200, "0");
      }
    }
    String guid = UUID.randomUUID().toString();
    String agent = form.get("agent");
    String phone = form.get("phone");
    String destination = form.get("destination");
    EmulatedCall call =
        new EmulatedCall(
            guid,
            destination,
            context,
            new Events(agent, phone, destination, form.get("outqueue")));
    calls.put(guid, call);
    byPhone.put(phone, call);
    LOG.log(
        Level.DEBUG,
        () ->
            "uContact AgentCall "
                + guid
                + ": agent "
                + agent
                + " → "
                + Numbers.mask(destination)
                + " ("
                + call.outcome()
                + ")");
    return Reply.text(200, guid).then(call::start);
  }

  private Reply hangupPhone(Map<String, String> form) {
    String phone = form.get("phone");
    EmulatedCall call = phone == null ? null : byPhone.get(phone);
    return Reply.text(200, call != null && call.hangUp() ? "1" : "0");
  }

  /**
   * Accepts a disposition for a call it placed; stores nothing beyond the recorded request, which
   * is all a demo or a test needs to see.
   */
  private Reply dispositionCall(Map<String, String> form) {
    for (String field : DISPOSITION_FIELDS) {
      String value = form.get(field);
      if (value == null || value.isBlank()) {
        LOG.log(Level.DEBUG, () -> "uContact DispositionCall without " + field + ": answering 0");
        return Reply.text(200, "0");
      }
    }
    String guid = form.get("guid");
    boolean known = calls.containsKey(guid);
    LOG.log(
        Level.DEBUG,
        () ->
            "uContact DispositionCall "
                + guid
                + ": "
                + (known ? form.getOrDefault("l1", "") + " (" + form.get("tag") + ")" : "unknown"));
    return Reply.text(200, known ? "1" : "0");
  }

  @Override
  public void forgetCallsEndedBefore(Instant cutoff) {
    calls.values().removeIf(call -> call.endedBefore(cutoff));
    byPhone.values().removeIf(call -> call.endedBefore(cutoff));
  }

  /** {@code ana.perez} → {@code Ana Perez}, the agent's full name as uContact would show it. */
  static String fullName(String agent) {
    return Stream.of(agent.split("[._\\-\\s]+"))
        .filter(part -> !part.isEmpty())
        .map(part -> part.substring(0, 1).toUpperCase(Locale.ROOT) + part.substring(1))
        .collect(Collectors.joining(" "));
  }

  /** Posts generic progress events and, at the end, the documented event then a generic hang-up. */
  private final class Events implements EmulatedCall.Listener {
    private final WebhookSender.Channel channel = context.webhooks().channel();
    private final String agent;
    private final String phone;
    private final String destination;
    private final String campaign;

    Events(String agent, String phone, String destination, String campaign) {
      this.agent = agent;
      this.phone = phone;
      this.destination = destination;
      this.campaign = campaign;
    }

    @Override
    public void dialing(EmulatedCall call) {
      postGeneric("dialing", call, null);
    }

    @Override
    public void ringing(EmulatedCall call) {
      postGeneric("ringing", call, null);
    }

    @Override
    public void answered(EmulatedCall call) {
      postGeneric("answered", call, null);
    }

    @Override
    public void ended(EmulatedCall call, EmulatedCall.End end) {
      if (end == EmulatedCall.End.COMPLETED) {
        post(
            "FinishInteraction",
            Json.object()
                .put("event", "FinishInteraction")
                .put("date", dates.format(context.now()))
                .put("guid", call.id())
                .put("campaign", campaign)
                .put("agent", agent));
      } else if (end == EmulatedCall.End.NO_ANSWER) {
        post(
            "AgentRingNoAnswer",
            Json.object()
                .put("event", "AgentRingNoAnswer")
                .put("date", dates.format(context.now()))
                .put("agent", agent)
                .put("agentNumber", phone)
                .put("agentFullName", fullName(agent))
                .put("callerIdNum", destination)
                .put("campaign", campaign));
      }
      postGeneric("hangup", call, end.cause());
    }

    private void post(String event, ObjectNode body) {
      channel.post(
          WebhookSender.Webhook.json(
              settings.name(),
              event,
              settings.webhookUrl(),
              settings.webhookToken(),
              Json.write(body)));
    }

    private void postGeneric(String event, EmulatedCall call, String cause) {
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
