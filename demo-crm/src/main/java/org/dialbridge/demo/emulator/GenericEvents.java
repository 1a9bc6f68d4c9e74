package org.dialbridge.demo.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Dialbridge's generic call event (docs/webhooks.md, "The generic event format"), which the
 * emulator sends where a provider documents no event of its own: {@code
 * {"event":"dialing|ringing|answered|hangup","callId","cause","time","eventId"}}.
 */
final class GenericEvents {
  private GenericEvents() {}

  /**
   * The generic event as a webhook authenticated by {@code X-Dialbridge-Token}.
   *
   * @param cause the hang-up cause, {@code null} for the other events (which carry none)
   */
  static WebhookSender.Webhook webhook(
      String provider,
      URI url,
      String token,
      String event,
      String callId,
      String cause,
      Instant time) {
    return WebhookSender.Webhook.json(
        provider, event, url, token, body(event, callId, cause, time));
  }

  static String body(String event, String callId, String cause, Instant time) {
    ObjectNode json = Json.object().put("event", event).put("callId", callId);
    if (cause != null) json.put("cause", cause);
    json.put("time", time.truncatedTo(ChronoUnit.MILLIS).toString())
        .put("eventId", UUID.randomUUID().toString());
    return Json.write(json);
  }
}
