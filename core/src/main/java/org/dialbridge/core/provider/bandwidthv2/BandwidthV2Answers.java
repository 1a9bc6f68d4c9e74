package org.dialbridge.core.provider.bandwidthv2;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import org.dialbridge.core.error.ProviderException;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.error.ProviderUnavailableException;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.provider.support.ProviderRequest;
import org.dialbridge.core.provider.support.ProviderResponse;
import org.dialbridge.core.provider.support.Responses;
import org.dialbridge.core.spi.ProviderCallStatus;

/**
 * What Bandwidth v2's HTTP answers mean: the error they report ({@code {"type", "description"}}),
 * the id of the call they created, and the state of a call.
 *
 * <p>Statuses: 400 (a refused request), 404 and 409 (the call is gone or over) are rejections; 401
 * and 403 our credentials or their roles; 429 a rate limit, with {@code Retry-After} (nothing was
 * placed: worth trying later); 5xx unavailable.
 */
final class BandwidthV2Answers {
  private final String provider;

  BandwidthV2Answers(String provider) {
    this.provider = provider;
  }

  /** The exception for an unsuccessful answer. */
  ProviderException failure(ProviderRequest request, ProviderResponse response) {
    int status = response.status();
    String message = message(response).orElse(null);
    if (status == 429) {
      String retry = response.header("Retry-After").map(String::strip).orElse(null);
      String said = message == null ? "rate limited" : message;
      return new ProviderUnavailableException(
          provider,
          status,
          retry == null ? said : said + " (retry after " + retry + " s)",
          false,
          null);
    }
    if (status == 400 || status == 404 || status == 409) {
      return new ProviderRejectedException(provider, status, message);
    }
    ProviderResponse described =
        new ProviderResponse(status, response.headers(), message == null ? "" : message);
    return Responses.failure(provider, request, described);
  }

  /** Whether an answer to a hang-up says the leg is already over: unknown (404) or ended (409). */
  static boolean legIsOver(ProviderResponse response) {
    return response.status() == 404 || response.status() == 409;
  }

  /**
   * The {@code callId} of a created call: the JSON body's, else the last segment of {@code
   * Location}.
   */
  String createdCallId(ProviderRequest request, ProviderResponse response) {
    Optional<String> fromBody = Optional.empty();
    String body = response.body().strip();
    if (body.startsWith("{")) {
      try {
        fromBody = Payloads.text(Payloads.object(body), "callId");
      } catch (RuntimeException e) {
        fromBody = Optional.empty();
      }
    }
    Optional<String> id = fromBody.or(() -> locationId(response));
    return id.orElseThrow(
        () -> Responses.unreadable(provider, request, response, "no callId in the answer"));
  }

  private static Optional<String> locationId(ProviderResponse response) {
    String location = response.header("Location").map(String::strip).orElse("");
    int cut = location.indexOf('?');
    if (cut >= 0) location = location.substring(0, cut);
    while (location.endsWith("/")) location = location.substring(0, location.length() - 1);
    String id = location.substring(location.lastIndexOf('/') + 1);
    return id.isBlank() ? Optional.empty() : Optional.of(id);
  }

  /**
   * The call a {@code GET /calls/{callId}} answer describes: {@code queued} and {@code initiated}
   * are DIALING, {@code answered} ANSWERED, {@code disconnected} ended by {@code disconnectCause}
   * through {@link BandwidthV2ProviderFactory#CAUSES} (a normal end of a call never answered is
   * NO_ANSWER).
   */
  static ProviderCallStatus callStatus(JsonNode root) {
    Optional<String> state = Payloads.text(root, "state");
    Instant answeredAt =
        Payloads.text(root, "answerTime").flatMap(Payloads::lenientInstant).orElse(null);
    Instant endedAt = Payloads.text(root, "endTime").flatMap(Payloads::lenientInstant).orElse(null);
    if (state.isEmpty()) return ProviderCallStatus.unknown(null);
    String raw = state.get();
    return switch (raw) {
      case "queued", "initiated" ->
          new ProviderCallStatus(CallStatus.DIALING, null, raw, answeredAt, endedAt);
      case "answered" ->
          new ProviderCallStatus(CallStatus.ANSWERED, null, raw, answeredAt, endedAt);
      case "disconnected" -> {
        String cause = Payloads.text(root, "disconnectCause").orElse(null);
        HangupCause mapped = BandwidthV2ProviderFactory.CAUSES.map(cause);
        if (mapped == HangupCause.NORMAL_CLEARING && answeredAt == null) {
          mapped = HangupCause.NO_ANSWER;
        }
        String rawCause = cause == null ? raw : raw + ": " + cause;
        yield new ProviderCallStatus(mapped.status(), mapped, rawCause, answeredAt, endedAt);
      }
      default -> new ProviderCallStatus(null, null, raw, answeredAt, endedAt);
    };
  }

  /**
   * Bandwidth's words in an error answer: its {@code description}, else the usual {@code message}
   * or body text.
   */
  private static Optional<String> message(ProviderResponse response) {
    String body = response.body().strip();
    if (body.startsWith("{")) {
      try {
        Optional<String> description = Payloads.text(Payloads.object(body), "description");
        if (description.isPresent()) return description;
      } catch (RuntimeException e) {
        // not JSON after all: the text is the message
      }
    }
    return Responses.message(response);
  }
}
