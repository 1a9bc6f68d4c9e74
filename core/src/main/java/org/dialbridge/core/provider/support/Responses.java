package org.dialbridge.core.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.dialbridge.core.error.ProviderAuthenticationException;
import org.dialbridge.core.error.ProviderException;
import org.dialbridge.core.error.ProviderRejectedException;
import org.dialbridge.core.error.ProviderTimeoutException;
import org.dialbridge.core.error.ProviderUnavailableException;
import org.dialbridge.core.error.WebhookParseException;

/**
 * Reading providers' HTTP answers: JSON bodies and the usual meaning of error statuses. Part of the
 * adapters' toolkit.
 */
public final class Responses {
  private Responses() {}

  /**
   * The exception for an unsuccessful answer, by the usual meaning of its status: 401 and 403
   * authentication, 408 and 504 timeout, 429 and 5xx unavailable, other 4xx rejected. Adapters
   * whose provider means something else by a status check it first.
   */
  public static ProviderException failure(
      String provider, ProviderRequest request, ProviderResponse response) {
    int status = response.status();
    String message = message(response).orElse(null);
    boolean mayHaveActed = !request.idempotent();
    if (status == 401 || status == 403)
      return new ProviderAuthenticationException(provider, status, message);
    if (status == 408 || status == 504) {
      return new ProviderTimeoutException(
          provider, "HTTP " + status + (message == null ? "" : ": " + message), mayHaveActed, null);
    }
    if (status == 429)
      return new ProviderUnavailableException(provider, status, message, false, null);
    if (status >= 500)
      return new ProviderUnavailableException(provider, status, message, mayHaveActed, null);
    if (status >= 300 && status < 400) {
      return new ProviderUnavailableException(
          provider,
          status,
          "unexpected redirect to " + response.header("Location").orElse("nowhere"),
          false,
          null);
    }
    return new ProviderRejectedException(provider, status, message);
  }

  /**
   * The provider's words in an answer: the {@code message} of a JSON body where there is one, else
   * the body text; empty for an empty body.
   */
  public static Optional<String> message(ProviderResponse response) {
    String body = response.body().strip();
    if (body.isEmpty()) return Optional.empty();
    if (body.startsWith("{")) {
      try {
        JsonNode root = Payloads.JSON.readTree(body);
        JsonNode m = root == null ? null : root.get("message");
        if (m != null && m.isValueNode() && !m.asText().isBlank()) return Optional.of(m.asText());
      } catch (Exception e) {
        // not JSON after all: the text is the message
      }
    }
    return Optional.of(body);
  }

  /**
   * A successful answer's body as a JSON object.
   *
   * @throws ProviderUnavailableException when it is not one: the provider answered, but nothing
   *     readable, so for a request with effects the outcome is unknown
   */
  public static JsonNode json(String provider, ProviderRequest request, ProviderResponse response) {
    try {
      return Payloads.object(response.body());
    } catch (WebhookParseException e) {
      throw unreadable(provider, request, response, "not a JSON object");
    }
  }

  /** The provider answered 2xx but not in its documented shape. */
  public static ProviderUnavailableException unreadable(
      String provider, ProviderRequest request, ProviderResponse response, String what) {
    String body = response.body().strip();
    return new ProviderUnavailableException(
        provider,
        response.status(),
        "unreadable answer (" + what + ")" + (body.isEmpty() ? ": empty body" : ": " + body),
        !request.idempotent(),
        null);
  }
}
