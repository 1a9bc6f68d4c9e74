package org.dialbridge.core.provider.bandwidthv2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.WebhookParser;
import org.dialbridge.core.spi.WebhookRequest;

/**
 * Reads Bandwidth v2 callbacks: a JSON object with {@code eventType}, {@code callId}, {@code
 * eventTime} and, on the calls Dialbridge placed, its {@linkplain CallTag tag}. Dedupe key {@code
 * eventType|callId|eventTime}: Bandwidth gives its callbacks no id of their own.
 *
 * <ul>
 *   <li>{@code initiate} (an inbound call reaching the application) is INCOMING, RINGING: the
 *       caller in {@code from}, the number dialled in {@code to};
 *   <li>{@code answer} (the leg Dialbridge placed answered) and {@code transferAnswer} (a leg the
 *       BXML transfer rang answered) are ANSWERED;
 *   <li>{@code disconnect} and {@code transferDisconnect} are HANGUP through {@link
 *       BandwidthV2ProviderFactory#CAUSES}; {@code transferComplete} (the transfer is over, told to
 *       the first leg) is HANGUP the same way when it failed, and OTHER after a normal end ({@code
 *       hangup}), which the legs' own disconnects tell;
 *   <li>every other type (gathers, recordings, types Bandwidth adds later) is OTHER.
 * </ul>
 *
 * The raw cause is {@code cause}, with {@code sipResponseCode} after it when given ({@code busy
 * (SIP 486)}). The transferred legs' callbacks belong to the call of their {@code parentCallId}.
 * What a leg's event means for the whole call is {@link BandwidthV2Legs}'s to say.
 */
final class BandwidthV2Events implements WebhookParser {
  static final String INITIATE = "initiate";
  static final String ANSWER = "answer";
  static final String TRANSFER_ANSWER = "transferAnswer";
  static final String TRANSFER_COMPLETE = "transferComplete";
  static final String TRANSFER_DISCONNECT = "transferDisconnect";
  static final String DISCONNECT = "disconnect";

  /** The cause of a normal end. */
  static final String HANGUP = "hangup";

  private final CallTag tags;

  BandwidthV2Events(CallTag tags) {
    this.tags = tags;
  }

  @Override
  public List<ProviderEvent> parse(WebhookRequest request) {
    String payload = request.bodyText();
    JsonNode json = Payloads.object(payload);
    String eventType = Payloads.requireText(json, "eventType");
    String callId = Payloads.requireText(json, "callId");
    Optional<String> time = Payloads.text(json, "eventTime");
    Optional<CallTag.Contents> tag = tags.read(Payloads.text(json, "tag").orElse(null));
    String key = eventType + "|" + callId + "|" + time.orElse("");

    ProviderEvent.Builder b;
    String leg = callId;
    switch (eventType) {
      case INITIATE ->
          b =
              ProviderEvent.builder(key, EventType.INCOMING, payload)
                  .status(CallStatus.RINGING)
                  .inbound(
                      Payloads.text(json, "from")
                          .orElseThrow(
                              () -> new WebhookParseException("from", "missing: the caller")),
                      Payloads.text(json, "to").orElse(null));
      case ANSWER ->
          b = ProviderEvent.builder(key, EventType.ANSWERED, payload).status(CallStatus.ANSWERED);
      case TRANSFER_ANSWER -> {
        b = ProviderEvent.builder(key, EventType.ANSWERED, payload).status(CallStatus.ANSWERED);
        leg = parent(json).orElse(callId);
      }
      case TRANSFER_DISCONNECT -> {
        b = ended(key, payload, json);
        leg = parent(json).orElse(callId);
      }
      case DISCONNECT -> b = ended(key, payload, json);
      case TRANSFER_COMPLETE -> {
        Optional<String> cause = Payloads.text(json, "cause");
        b =
            cause.isEmpty() || cause.get().equalsIgnoreCase(HANGUP)
                ? ProviderEvent.builder(key, EventType.OTHER, payload)
                    .rawCause(rawCause(json).orElse(null))
                : ended(key, payload, json);
      }
      default -> b = ProviderEvent.builder(key, EventType.OTHER, payload);
    }
    // the customer's number, where our tag says it: a later event that finds no call names it
    if (!eventType.equals(INITIATE)) b.number(tag.map(CallTag.Contents::customer).orElse(null));
    return List.of(
        b.providerCallId(leg)
            .callId(tag.map(CallTag.Contents::callId).orElse(null))
            // an unreadable time is no reason to lose the event: the time of receipt stands in
            .occurredAt(time.flatMap(Payloads::lenientInstant).orElse(null))
            .build());
  }

  private static ProviderEvent.Builder ended(String key, String payload, JsonNode json) {
    Optional<String> cause = Payloads.text(json, "cause");
    return ProviderEvent.builder(key, EventType.HANGUP, payload)
        .ended(
            BandwidthV2ProviderFactory.CAUSES.map(cause.orElse(null)), rawCause(json).orElse(null));
  }

  /** {@code cause}, with {@code sipResponseCode} after it when given. */
  private static Optional<String> rawCause(JsonNode json) {
    Optional<String> cause = Payloads.text(json, "cause");
    Optional<String> sip = Payloads.text(json, "sipResponseCode");
    if (sip.isEmpty()) return cause;
    return Optional.of(cause.map(c -> c + " ").orElse("") + "(SIP " + sip.get() + ")");
  }

  /** The first leg a transferred leg's callback belongs to. */
  private static Optional<String> parent(JsonNode json) {
    return Payloads.text(json, "parentCallId");
  }

  /** The leg a callback is about: its own {@code callId}, for a transferred leg's the new leg. */
  static Optional<String> ownLeg(String payload) {
    try {
      return Payloads.text(Payloads.object(payload), "callId");
    } catch (WebhookParseException e) {
      return Optional.empty();
    }
  }

  /** The {@code eventType} of a stored payload, empty when it has none. */
  static Optional<String> eventType(String payload) {
    try {
      return Payloads.text(Payloads.object(payload), "eventType");
    } catch (WebhookParseException e) {
      return Optional.empty();
    }
  }
}
