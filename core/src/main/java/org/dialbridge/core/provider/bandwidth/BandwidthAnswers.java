package org.dialbridge.core.provider.bandwidth;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.dialbridge.core.error.ProviderAuthenticationException;
import org.dialbridge.core.error.ProviderException;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.error.ProviderUnavailableException;
import org.dialbridge.core.error.WebhookParseException;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.provider.support.Payloads;
import org.dialbridge.core.provider.support.ProviderRequest;
import org.dialbridge.core.provider.support.ProviderResponse;
import org.dialbridge.core.provider.support.Responses;
import org.dialbridge.core.spi.ProviderCallStatus;

/**
 * What Bandwidth v1's HTTP answers mean: the error they report, the id of the leg they created, and
 * the state of a call.
 *
 * <p>Bandwidth answers 403 for several unrelated things; the {@code code} of its error body tells
 * them apart: {@code call-rate-limit} (nothing was placed; try later), {@code call-invalid-state}
 * and {@code call-id-not-found} (the leg is over), other codes (a refused request), and no code at
 * all (our credentials).
 */
final class BandwidthAnswers {
  static final String RATE_LIMIT = "call-rate-limit";
  static final String INVALID_STATE = "call-invalid-state";
  static final String NOT_FOUND = "call-id-not-found";

  private final String provider;

  /** Answers of the provider configured as {@code provider}, the name its exceptions carry. */
  BandwidthAnswers(String provider) {
    this.provider = provider;
  }

  /** The exception for an unsuccessful answer, reading Bandwidth's error code where it matters. */
  ProviderException failure(ProviderRequest request, ProviderResponse response) {
    int status = response.status();
    Optional<String> code = errorCode(response);
    String message = Responses.message(response).orElse(null);
    if (status == 401 || (status == 403 && code.isEmpty())) {
      return new ProviderAuthenticationException(provider, status, message);
    }
    if (status == 403 && code.get().equals(RATE_LIMIT)) {
      // Bandwidth refused before placing anything: a known outcome, worth trying again later
      return new ProviderUnavailableException(provider, status, message, false, null);
    }
    if (status == 403) {
      return new ProviderRejectedException(provider, status, withCode(message, code.get()));
    }
    return Responses.failure(provider, request, response);
  }

  /**
   * The id at the end of the {@code Location} Bandwidth answers a created call or transfer with.
   */
  String locationId(ProviderRequest request, ProviderResponse response) {
    String location = response.header("Location").map(String::strip).orElse("");
    int cut = indexOfAny(location, '?', '#');
    if (cut >= 0) location = location.substring(0, cut);
    while (location.endsWith("/")) location = location.substring(0, location.length() - 1);
    String id = location.substring(location.lastIndexOf('/') + 1);
    if (id.isBlank())
      throw Responses.unreadable(provider, request, response, "no call id in the Location header");
    return id;
  }

  /** Whether Bandwidth's answer says the leg is over: already completed, or unknown to it. */
  static boolean legIsOver(ProviderResponse response) {
    String code = errorCode(response).orElse("");
    return code.equals(INVALID_STATE) || code.equals(NOT_FOUND);
  }

  /** Whether Bandwidth's answer to a call's status says it does not know the call. */
  static boolean callIsUnknown(ProviderResponse response) {
    return response.status() == 404 || NOT_FOUND.equals(errorCode(response).orElse(null));
  }

  /**
   * The call a successful status answer describes: {@code started} is DIALING, {@code active} and
   * {@code transferring} ANSWERED, {@code rejected} REJECTED, {@code completed} COMPLETED when it
   * was ever active, else NO_ANSWER.
   *
   * @throws WebhookParseException naming the field when the answer is not in its documented shape
   */
  static ProviderCallStatus callStatus(JsonNode root) {
    Optional<String> state = Payloads.text(root, "state");
    Instant answeredAt =
        Payloads.text(root, "activeTime").flatMap(Payloads::lenientInstant).orElse(null);
    Instant endedAt = Payloads.text(root, "endTime").flatMap(Payloads::lenientInstant).orElse(null);
    if (state.isEmpty()) return ProviderCallStatus.unknown(null);
    String raw = state.get();
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "started" -> new ProviderCallStatus(CallStatus.DIALING, null, raw, answeredAt, endedAt);
      case "active", "transferring" ->
          new ProviderCallStatus(CallStatus.ANSWERED, null, raw, answeredAt, endedAt);
      case "rejected" ->
          new ProviderCallStatus(
              CallStatus.REJECTED, HangupCause.REJECTED, raw, answeredAt, endedAt);
      case "completed" ->
          answeredAt != null
              ? new ProviderCallStatus(
                  CallStatus.COMPLETED, HangupCause.NORMAL_CLEARING, raw, answeredAt, endedAt)
              : new ProviderCallStatus(
                  CallStatus.NO_ANSWER, HangupCause.NO_ANSWER, raw, null, endedAt);
      default -> new ProviderCallStatus(null, null, raw, answeredAt, endedAt);
    };
  }

  /**
   * The {@code code} of Bandwidth's error body, empty when there is none or the body is not JSON.
   */
  private static Optional<String> errorCode(ProviderResponse response) {
    String body = response.body().strip();
    if (!body.startsWith("{")) return Optional.empty();
    try {
      JsonNode code = Payloads.JSON.readTree(body).get("code");
      return code != null && code.isTextual() && !code.asText().isBlank()
          ? Optional.of(code.asText().strip())
          : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static String withCode(String message, String code) {
    return message == null || message.equals(code) ? code : message + " (" + code + ")";
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    if (i < 0) return j;
    if (j < 0) return i;
    return Math.min(i, j);
  }
}
