package org.dialbridge.core.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.Direction;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.CauseTable;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.spi.WebhookParser;
import org.dialbridge.core.spi.WebhookRequest;

/**
 * Dialbridge's generic call event, accepted on every provider's webhook path (for C3, which
 * documents no webhook, and for PBXs that post their own): {@code
 * {"event":"dialing|ringing|answered|hangup","callId":"…","cause":"…",
 * "time":"ISO-8601","eventId":"…"}}. {@code actionid} is accepted for {@code callId} (C3's name).
 * Dedupe key: {@code eventId} when given, else {@code event|callId|time}. A hang-up without a cause
 * ended normally.
 *
 * <p>An inbound call starts with {@code "event":"ringing","direction":"inbound"} (or {@code
 * "event":"incoming"}), its caller in {@code from}, the number dialled in {@code to} and the agent
 * whose phone rings in {@code agent} (their extension or provider login); {@code agent} on a later
 * event names who answered (docs/inbound.md).
 */
public final class GenericEvents {

  /**
   * Causes of the generic format: Q.850 names as Bandwidth spells them and Asterisk dispositions.
   */
  public static final CauseTable CAUSES =
      CauseTable.of("generic")
          .map("NORMAL_CLEARING", HangupCause.NORMAL_CLEARING)
          .map("ANSWERED", HangupCause.NORMAL_CLEARING)
          .map("COMPLETED", HangupCause.NORMAL_CLEARING)
          .map("USER_BUSY", HangupCause.BUSY)
          .map("BUSY", HangupCause.BUSY)
          .map("NO_ANSWER", HangupCause.NO_ANSWER)
          .map("NO ANSWER", HangupCause.NO_ANSWER)
          .map("TIMEOUT", HangupCause.NO_ANSWER)
          .map("ORIGINATOR_CANCEL", HangupCause.CANCELED)
          .map("CANCEL", HangupCause.CANCELED)
          .map("CANCELED", HangupCause.CANCELED)
          .map("CALL_REJECTED", HangupCause.REJECTED)
          .map("REJECTED", HangupCause.REJECTED)
          .map("UNALLOCATED_NUMBER", HangupCause.INVALID_NUMBER)
          .map("CONGESTION", HangupCause.NETWORK_FAILURE)
          .map("NORMAL_TEMPORARY_FAILURE", HangupCause.NETWORK_FAILURE)
          .map("FAILED", HangupCause.PROVIDER_ERROR)
          .otherwise(HangupCause.PROVIDER_ERROR);

  private GenericEvents() {}

  /**
   * True when {@code root} is a generic event (its {@code event} is one of the four generic names).
   */
  public static boolean isGeneric(JsonNode root) {
    JsonNode event = root.get("event");
    if (event == null || !event.isTextual()) return false;
    return switch (event.asText().toLowerCase(Locale.ROOT)) {
      case "dialing", "ringing", "incoming", "answered", "hangup" -> true;
      default -> false;
    };
  }

  /** Reads a generic event. @throws WebhookParseException naming the field at fault */
  public static ProviderEvent parse(JsonNode root, String payload) {
    String event = Payloads.requireText(root, "event").toLowerCase(Locale.ROOT);
    String callId =
        Payloads.text(root, "callId")
            .or(() -> Payloads.text(root, "actionid"))
            .orElseThrow(() -> new WebhookParseException("callId", "missing"));
    Optional<String> time = Payloads.text(root, "time");
    String key =
        Payloads.text(root, "eventId")
            .map(id -> "generic|" + id)
            .orElse("generic|" + event + "|" + callId + "|" + time.orElse(""));
    Direction direction = direction(root);
    if (event.equals("incoming") || (event.equals("ringing") && direction == Direction.INBOUND)) {
      event = "incoming";
      direction = Direction.INBOUND;
    }
    ProviderEvent.Builder b;
    switch (event) {
      case "incoming" ->
          b =
              ProviderEvent.builder(key, EventType.INCOMING, payload)
                  .status(CallStatus.RINGING)
                  .inbound(caller(root), Payloads.text(root, "to").orElse(null));
      case "dialing" ->
          b = ProviderEvent.builder(key, EventType.DIALING, payload).status(CallStatus.DIALING);
      case "ringing" ->
          b = ProviderEvent.builder(key, EventType.RINGING, payload).status(CallStatus.RINGING);
      case "answered" ->
          b = ProviderEvent.builder(key, EventType.ANSWERED, payload).status(CallStatus.ANSWERED);
      case "hangup" -> {
        Optional<String> cause = Payloads.text(root, "cause");
        b =
            ProviderEvent.builder(key, EventType.HANGUP, payload)
                .ended(
                    cause.map(CAUSES::map).orElse(HangupCause.NORMAL_CLEARING), cause.orElse(null));
      }
      default -> throw new WebhookParseException("event", "unknown generic event '" + event + "'");
    }
    Instant occurredAt = null;
    if (time.isPresent()) {
      occurredAt =
          Payloads.lenientInstant(time.get())
              .orElseThrow(() -> new WebhookParseException("time", "not an ISO-8601 time"));
    }
    Payloads.text(root, "agent").ifPresent(b::agentExtension);
    if (direction != null) b.direction(direction);
    return b.providerCallId(callId).occurredAt(occurredAt).build();
  }

  /**
   * The caller of an inbound call: required, unless the event names the agent whose phone rings (a
   * provider with an active-call look-up then finds who calls).
   */
  private static String caller(JsonNode root) {
    Optional<String> from = Payloads.text(root, "from");
    if (from.isEmpty() && Payloads.text(root, "agent").isEmpty()) {
      throw new WebhookParseException("from", "missing: the caller (or the agent it rings)");
    }
    return from.orElse(null);
  }

  private static Direction direction(JsonNode root) {
    Optional<String> direction = Payloads.text(root, "direction");
    if (direction.isEmpty()) return null;
    return switch (direction.get().toLowerCase(Locale.ROOT)) {
      case "inbound", "incoming", "in" -> Direction.INBOUND;
      case "outbound", "outgoing", "out" -> Direction.OUTBOUND;
      default -> throw new WebhookParseException("direction", "not 'inbound' or 'outbound'");
    };
  }

  /**
   * A parser that reads the generic format when the body is one and hands anything else to {@code
   * specific}, which receives the already-parsed JSON root or null for a non-JSON body.
   */
  public static WebhookParser withGeneric(SpecificParser specific) {
    return request -> {
      String payload = request.bodyText();
      JsonNode root = null;
      if (looksLikeJson(request, payload)) {
        root = Payloads.object(payload);
        if (isGeneric(root)) return List.of(parse(root, payload));
      }
      return specific.parse(request, root, payload);
    };
  }

  /**
   * JSON by its content type, or by its first character: some senders label JSON as text or a form.
   */
  private static boolean looksLikeJson(WebhookRequest request, String payload) {
    String media = request.mediaType();
    if (media.equals("application/json") || media.endsWith("+json")) return true;
    return payload.stripLeading().startsWith("{");
  }

  /** A provider's own format, after the generic format has been ruled out. */
  @FunctionalInterface
  public interface SpecificParser {
    /**
     * @param root the body as a JSON object, or null when the body is not JSON
     * @param payload the body as text
     */
    List<ProviderEvent> parse(WebhookRequest request, JsonNode root, String payload);
  }
}
