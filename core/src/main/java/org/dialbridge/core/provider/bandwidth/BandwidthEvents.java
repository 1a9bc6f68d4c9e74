package org.dialbridge.core.provider.bandwidth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.WebhookRequest;

/**
 * Reads Bandwidth v1 call events: a JSON object with {@code eventType}, {@code callId}, {@code
 * callUri} and {@code time}. {@code incomingcall} starts an inbound call (INCOMING, RINGING: the
 * caller in {@code from}, the number dialled in {@code to}), {@code answer} is ANSWERED, {@code
 * hangup} is HANGUP through {@link BandwidthProviderFactory#CAUSES}, {@code timeout} is HANGUP with
 * NO_ANSWER; every other event type (media events, types Bandwidth adds later) is stored as OTHER.
 * What a leg's event means for the whole call is {@link BandwidthTwoLegs}'s to say. Dedupe key
 * {@code eventType|callId|time}: Bandwidth gives its events no id of their own.
 */
final class BandwidthEvents {
  /** The raw cause recorded for a {@code timeout} event, which carries no cause of its own. */
  static final String TIMEOUT = "timeout";

  private BandwidthEvents() {}

  /**
   * The one event in a delivery the generic format did not claim, read as JSON whatever its content
   * type says (the body decides, and a non-JSON body is refused naming no field).
   */
  static List<ProviderEvent> parse(WebhookRequest request) {
    String payload = request.bodyText();
    JsonNode json = Payloads.object(payload);
    String eventType = Payloads.requireText(json, "eventType");
    String callId = Payloads.requireText(json, "callId");
    Optional<String> time = Payloads.text(json, "time");
    String key = eventType + "|" + callId + "|" + time.orElse("");
    String kind = eventType.toLowerCase(Locale.ROOT);

    ProviderEvent.Builder b;
    switch (kind) {
      case "answer" ->
          b = ProviderEvent.builder(key, EventType.ANSWERED, payload).status(CallStatus.ANSWERED);
      case "hangup" -> {
        String cause = Payloads.text(json, "cause").orElse(null);
        b =
            ProviderEvent.builder(key, EventType.HANGUP, payload)
                .ended(BandwidthProviderFactory.CAUSES.map(cause), cause);
      }
      case "timeout" ->
          b =
              ProviderEvent.builder(key, EventType.HANGUP, payload)
                  .ended(HangupCause.NO_ANSWER, TIMEOUT);
      case "incomingcall" ->
          b =
              ProviderEvent.builder(key, EventType.INCOMING, payload)
                  .status(CallStatus.RINGING)
                  .inbound(
                      Payloads.text(json, "from")
                          .orElseThrow(
                              () -> new WebhookParseException("from", "missing: the caller")),
                      Payloads.text(json, "to").orElse(null));
      default -> b = ProviderEvent.builder(key, EventType.OTHER, payload);
    }
    // the customer's number on the calls we place: the callee (an incoming call's is its caller)
    if (!kind.equals("incomingcall")) b.number(Payloads.text(json, "to").orElse(null));
    return List.of(
        b.providerCallId(callId)
            .callId(Payloads.text(json, "tag").orElse(null))
            // an unreadable time is no reason to lose the event: the time of receipt stands in
            .occurredAt(time.flatMap(Payloads::lenientInstant).orElse(null))
            .build());
  }
}
