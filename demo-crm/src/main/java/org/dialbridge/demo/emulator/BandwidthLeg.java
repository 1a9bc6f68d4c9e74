package org.dialbridge.demo.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One Bandwidth call leg: the agent's (created by the API) or the customer's (created by a
 * transfer); or, for an inbound call, the caller's (posting {@code incomingcall}) and the agent's
 * (created by its transfer). It posts its own events ({@code answer}, {@code timeout}, {@code
 * hangup}) and ends its bridged leg with it.
 */
final class BandwidthLeg implements EmulatedCall.Listener {
  private static final DateTimeFormatter EVENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RESOURCE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  final String id = "c-" + Ids.alphanumeric(24);
  final URI base;
  final String userId;
  final URI uri;
  final String from;
  final String to;
  final String tag;
  final URI callbackUrl;
  final int callTimeout;
  final WebhookSender.Channel channel;
  final BandwidthLeg transferredFrom;
  final EmulatedCall call;
  volatile BandwidthLeg transferredTo;

  /** For an inbound caller's leg, how the call ends; null for every other leg. */
  final RingOutcome ring;

  private final String providerName;
  private final EmulatorContext context;

  BandwidthLeg(
      URI base,
      String userId,
      String from,
      String to,
      String tag,
      URI callbackUrl,
      int callTimeout,
      WebhookSender.Channel channel,
      Duration answerAfter,
      BandwidthLeg transferredFrom,
      String providerName,
      EmulatorContext context) {
    this(
        base,
        userId,
        from,
        to,
        tag,
        callbackUrl,
        callTimeout,
        channel,
        answerAfter,
        transferredFrom,
        providerName,
        context,
        Outcome.forNumber(to),
        null);
  }

  /**
   * @param outcome how this leg ends (a leg to an agent's extension is told)
   * @param ring for an inbound caller's leg, how the call ends (null for every other leg)
   */
  BandwidthLeg(
      URI base,
      String userId,
      String from,
      String to,
      String tag,
      URI callbackUrl,
      int callTimeout,
      WebhookSender.Channel channel,
      Duration answerAfter,
      BandwidthLeg transferredFrom,
      String providerName,
      EmulatorContext context,
      Outcome outcome,
      RingOutcome ring) {
    this.providerName = providerName;
    this.ring = ring;
    this.context = context;
    this.base = base;
    this.userId = userId;
    this.uri = URI.create(base + "/users/" + userId + "/calls/" + id);
    this.from = from;
    this.to = to;
    this.tag = tag;
    this.callbackUrl = callbackUrl;
    this.callTimeout = callTimeout;
    this.channel = channel;
    this.transferredFrom = transferredFrom;
    Duration noAnswer = context.timing().noAnswerAfter();
    Duration timeout = Duration.ofSeconds(callTimeout);
    this.call =
        new EmulatedCall(
            id,
            to,
            outcome,
            answerAfter,
            noAnswer.compareTo(timeout) < 0 ? noAnswer : timeout,
            context,
            this);
  }

  /**
   * Tells the application of this inbound caller's leg, already answered: {@code incomingcall}, as
   * Bandwidth posts it to the number's application.
   */
  void incomingCall(String applicationId) {
    post(
        Json.object()
            .put("eventType", "incomingcall")
            .put("from", from)
            .put("to", to)
            .put("callId", id)
            .put("callUri", uri.toString())
            .put("callState", "active")
            .put("applicationId", applicationId)
            .put("time", EVENT_TIME.format(context.now())));
  }

  @Override
  public void answered(EmulatedCall call) {
    ObjectNode event =
        Json.object()
            .put("eventType", "answer")
            .put("from", from)
            .put("to", to)
            .put("callId", id)
            .put("callUri", uri.toString())
            .put("callState", "active")
            .put("time", EVENT_TIME.format(context.now()));
    post(event);
  }

  @Override
  public void ended(EmulatedCall call, EmulatedCall.End end) {
    String time = EVENT_TIME.format(context.now());
    if (end == EmulatedCall.End.NO_ANSWER) {
      post(
          Json.object()
              .put("eventType", "timeout")
              .put("from", from)
              .put("to", to)
              .put("callId", id)
              .put("callUri", uri.toString())
              .put("time", time));
    }
    post(
        Json.object()
            .put("eventType", "hangup")
            .put("from", from)
            .put("to", to)
            .put("callId", id)
            .put("callUri", uri.toString())
            .put("callState", "completed")
            .put("cause", end.cause())
            .put("time", time));
    // bridged legs end together; the other leg is told outside this one's lock
    BandwidthLeg other = transferredFrom != null ? transferredFrom : transferredTo;
    if (other != null) context.execute(other.call::hangUp);
  }

  private void post(ObjectNode event) {
    if (tag != null) event.put("tag", tag);
    if (callbackUrl == null) return; // like Bandwidth: no callback URL, no events
    channel.post(
        WebhookSender.Webhook.callback(
            providerName, event.get("eventType").asText(), callbackUrl, Json.write(event)));
  }

  String stateName() {
    EmulatedCall.State state = call.state();
    return switch (state) {
      case CREATED, DIALING, RINGING -> "started";
      case ANSWERED -> transferredTo != null ? "transferring" : "active";
      case ENDED -> call.end() == EmulatedCall.End.REJECTED ? "rejected" : "completed";
    };
  }

  /** The documented call resource ({@code GET …/calls/{callId}}). */
  ObjectNode resource() {
    ObjectNode json =
        Json.object()
            .put("id", id)
            .put("direction", ring != null ? "in" : "out")
            .put("from", from)
            .put("to", to)
            .put("state", stateName())
            .put("startTime", RESOURCE_TIME.format(call.created()));
    Instant answered = call.answeredAt();
    Instant ended = call.endedAt();
    if (answered != null) json.put("activeTime", RESOURCE_TIME.format(answered));
    if (ended != null) {
      json.put("endTime", RESOURCE_TIME.format(ended));
      // billed by the started minute, as Bandwidth documents chargeableDuration
      long seconds = answered == null ? 0 : Duration.between(answered, ended).toSeconds();
      json.put("chargeableDuration", answered == null ? 0 : Math.max(60, (seconds + 59) / 60 * 60));
    }
    if (callbackUrl != null)
      json.put("callbackUrl", WebhookSender.withoutUserInfo(callbackUrl).toString());
    json.put("events", uri + "/events")
        .put("recordings", uri + "/recordings")
        .put("transcriptions", uri + "/transcriptions")
        .put("recordingEnabled", false)
        .put("transcriptionEnabled", false);
    if (tag != null) json.put("tag", tag);
    return json;
  }
}
