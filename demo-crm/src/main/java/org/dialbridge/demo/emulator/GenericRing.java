package org.dialbridge.demo.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * An inbound call told in Dialbridge's generic format (docs/inbound.md), as a customer's PBX posts
 * it: {@code {"event":"ringing","direction":"inbound","callId","from","to","agent"}} when the
 * agent's phone starts ringing, then {@code answered} (naming the agent) and {@code hangup} with
 * the Q.850 cause, or only {@code hangup} for a missed call ({@code NO_ANSWER}, {@code USER_BUSY},
 * {@code CALL_REJECTED}, {@code ORIGINATOR_CANCEL} when the caller gave up).
 */
final class GenericRing implements EmulatedCall.Listener {
  private final String provider;
  private final URI url;
  private final String token;
  private final Ring ring;
  private final EmulatorContext context;
  private final WebhookSender.Channel channel;

  private GenericRing(String provider, URI url, String token, Ring ring, EmulatorContext context) {
    this.provider = provider;
    this.url = url;
    this.token = token;
    this.ring = ring;
    this.context = context;
    this.channel = context.webhooks().channel();
  }

  /**
   * Starts the call {@code id} ringing {@code ring.agent()}, its events posted to {@code url} with
   * {@code X-Dialbridge-Token: token} (none when null).
   */
  static EmulatedCall start(
      String id, Ring ring, String provider, URI url, String token, EmulatorContext context) {
    EmulatedCall call =
        new EmulatedCall(
            id,
            ring.agent() != null ? ring.agent() : ring.to(),
            ring.outcome().agentLeg(),
            context.timing().answeredAfter(),
            context.timing().noAnswerAfter(),
            context,
            new GenericRing(provider, url, token, ring, context));
    call.start();
    return call;
  }

  @Override
  public void dialing(EmulatedCall call) {
    ObjectNode json =
        Json.object()
            .put("event", "ringing")
            .put("direction", "inbound")
            .put("callId", call.id())
            .put("from", ring.from())
            .put("to", ring.to());
    if (ring.agent() != null) json.put("agent", ring.agent());
    post(json);
  }

  @Override
  public void ringing(EmulatedCall call) {
    if (ring.outcome() == RingOutcome.CALLER_HANGS_UP) {
      context.schedule(context.delayMillis(context.timing().answeredAfter()), call::hangUp);
    }
  }

  @Override
  public void answered(EmulatedCall call) {
    ObjectNode json = Json.object().put("event", "answered").put("callId", call.id());
    if (ring.agent() != null) json.put("agent", ring.agent());
    post(json);
  }

  @Override
  public void ended(EmulatedCall call, EmulatedCall.End end) {
    post(Json.object().put("event", "hangup").put("callId", call.id()).put("cause", end.cause()));
  }

  private void post(ObjectNode json) {
    json.put("time", context.now().truncatedTo(ChronoUnit.MILLIS).toString())
        .put("eventId", UUID.randomUUID().toString());
    channel.post(
        WebhookSender.Webhook.json(
            provider, json.get("event").asText(), url, token, Json.write(json)));
  }
}
