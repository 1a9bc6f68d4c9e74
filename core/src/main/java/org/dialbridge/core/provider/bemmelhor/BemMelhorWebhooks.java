package org.dialbridge.core.provider.bemmelhor;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dialbridge.core.error.WebhookAuthenticationException;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.provider.support.GenericEvents;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.WebhookRequest;

/**
 * BemMelhor's webhooks ({@code call.dialing}, {@code call.hangup}) read into provider events, each
 * checked against the configured {@code client-id} when there is one.
 */
final class BemMelhorWebhooks {
  /** Asterisk's hang-up extension, which {@code call.hangup} reports as {@code to}. */
  private static final String HANGUP_EXTENSION = "h";

  private final DialFormat dial;
  private final byte[] clientId;

  /** {@code clientId} null when not configured: then any webhook's is accepted. */
  BemMelhorWebhooks(DialFormat dial, String clientId) {
    this.dial = dial;
    this.clientId = clientId == null ? null : clientIdBytes(clientId);
  }

  List<ProviderEvent> parse(WebhookRequest request) {
    String payload = request.bodyText();
    JsonNode root = Payloads.object(payload);
    // The core tries the generic format on bodies that look like JSON; BemMelhor's may not.
    if (GenericEvents.isGeneric(root)) return List.of(GenericEvents.parse(root, payload));
    checkClientId(root);

    String event = Payloads.requireText(root, "event");
    Payloads.requireObject(root, "data");
    String callId = Payloads.requireText(root, "data.callId");
    Optional<String> created = Payloads.text(root, "data.created");
    String key = event + "|" + callId + "|" + created.orElse("");
    Instant occurredAt =
        created
            .flatMap(c -> Payloads.epochMillis(c).or(() -> Payloads.lenientInstant(c)))
            .orElse(null);
    String agentExtension = Payloads.text(root, "data.from").orElse(null);
    Optional<String> to = Payloads.text(root, "data.to");

    ProviderEvent.Builder b;
    switch (event.toLowerCase(Locale.ROOT)) {
      case "call.dialing" ->
          b =
              ProviderEvent.builder(key, EventType.DIALING, payload)
                  .status(CallStatus.DIALING)
                  .number(to.flatMap(dial::number).orElse(null));
      case "call.hangup" -> {
        Optional<String> disposition = Payloads.text(root, "data.disposition");
        String rawCause = disposition.or(() -> Payloads.text(root, "data.error")).orElse(null);
        b =
            ProviderEvent.builder(key, EventType.HANGUP, payload)
                .ended(BemMelhorProviderFactory.CAUSES.map(disposition.orElse(null)), rawCause)
                .number(
                    to.filter(t -> !t.equalsIgnoreCase(HANGUP_EXTENSION))
                        .flatMap(dial::number)
                        .orElse(null));
      }
      // Well formed but unknown: stored for audit, moves nothing.
      default -> b = ProviderEvent.builder(key, EventType.OTHER, payload);
    }
    return List.of(
        b.providerCallId(callId).agentExtension(agentExtension).occurredAt(occurredAt).build());
  }

  private void checkClientId(JsonNode root) {
    if (clientId == null) return;
    JsonNode sent = root.get("clientId");
    byte[] candidate =
        sent != null && sent.isTextual() ? clientIdBytes(sent.asText()) : new byte[0];
    if (!MessageDigest.isEqual(clientId, candidate)) {
      throw new WebhookAuthenticationException(
          sent == null || sent.isNull()
              ? "BemMelhor webhook without clientId"
              : "BemMelhor webhook for another clientId");
    }
  }

  /**
   * A client id for comparison: trimmed and lower case, since it is a UUID and UUIDs ignore case.
   */
  private static byte[] clientIdBytes(String id) {
    return id.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
  }
}
