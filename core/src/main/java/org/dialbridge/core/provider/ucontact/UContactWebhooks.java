package org.dialbridge.core.provider.ucontact;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.WebhookRequest;

/** uContact's account webhooks read into provider events. */
final class UContactWebhooks {
  private UContactWebhooks() {}

  /**
   * uContact's account webhooks: JSON with {@code event} and {@code date}. Dedupe key {@code
   * event|guid (else agent)|date}, the date as received; without a date, a digest of the body
   * stands in for it so distinct deliveries do not collapse into one.
   */
  static List<ProviderEvent> parse(WebhookRequest request) {
    String payload = request.bodyText();
    JsonNode body = Payloads.object(payload);
    String event = Payloads.requireText(body, "event");
    Optional<String> date = Payloads.text(body, "date");
    Optional<String> guid = Payloads.text(body, "guid");
    Optional<String> agent = Payloads.text(body, "agent");
    String key =
        event + "|" + guid.or(() -> agent).orElse("") + "|" + date.orElseGet(() -> digest(payload));
    ProviderEvent.Builder b;
    switch (event.toLowerCase(Locale.ROOT)) {
      case "finishinteraction" -> {
        String callGuid =
            guid.orElseThrow(() -> new WebhookParseException("guid", "missing in " + event));
        b =
            ProviderEvent.builder(key, EventType.HANGUP, payload)
                .ended(cause(event), event)
                .providerCallId(callGuid);
      }
      case "agentringnoanswer" -> {
        Optional<String> agentNumber = Payloads.text(body, "agentNumber");
        if (agentNumber.isEmpty() && agent.isEmpty()) {
          throw new WebhookParseException(
              "agentNumber", "missing in " + event + " (and no agent either)");
        }
        // names the agent's phone, not the call: the store matches it to the call ringing there, to
        // this customer's number, or by the guid where a payload carries one
        b =
            ProviderEvent.builder(key, EventType.HANGUP, payload)
                .ended(cause(event), event)
                .providerCallId(guid.orElse(null))
                .agentExtension(agentNumber.orElse(null))
                .number(Payloads.text(body, "callerIdNum").orElse(null));
      }
      // agent events (AgentLog, AgentBreak) belong to no call; anything else is kept for audit
      default ->
          b =
              ProviderEvent.builder(key, EventType.OTHER, payload)
                  .providerCallId(guid.orElse(null));
    }
    return List.of(b.occurredAt(date.flatMap(Payloads::lenientInstant).orElse(null)).build());
  }

  private static HangupCause cause(String event) {
    return UContactProviderFactory.CAUSES.map(event);
  }

  private static String digest(String payload) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
