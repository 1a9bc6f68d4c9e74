package org.dialbridge.servlet;

import java.util.Map;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ProviderException;

/** The HTTP status of each stable error code. */
public final class ErrorStatus {
  private static final Map<String, Integer> BY_CODE = Map.ofEntries(
      Map.entry("invalid_request", 400),
      Map.entry("invalid_json", 400),
      Map.entry("invalid_number", 400),
      Map.entry("webhook_unparseable", 400),
      Map.entry("unauthenticated", 401),
      Map.entry("webhook_unauthenticated", 401),
      Map.entry("forbidden", 403),
      Map.entry("csrf_rejected", 403),
      Map.entry("number_not_allowed", 403),
      Map.entry("agent_not_mapped", 403),
      Map.entry("not_found", 404),
      Map.entry("call_not_found", 404),
      Map.entry("provider_not_found", 404),
      Map.entry("method_not_allowed", 405),
      Map.entry("not_acceptable", 406),
      Map.entry("agent_busy", 409),
      Map.entry("call_already_ended", 409),
      Map.entry("call_not_connected", 409),
      Map.entry("hangup_unsupported", 409),
      Map.entry("operation_unsupported", 409),
      Map.entry("body_too_large", 413),
      Map.entry("unsupported_media_type", 415),
      Map.entry("rate_limited", 429),
      Map.entry("provider_rejected", 502),
      Map.entry("provider_authentication_failed", 502),
      Map.entry("provider_unavailable", 503),
      Map.entry("store_unavailable", 503),
      Map.entry("provider_timeout", 504));

  private ErrorStatus() {}

  /**
   * The status for {@code e}. A provider failure whose outcome is unknown (the call may be ringing)
   * is a 502 or 504, never a 503: a 503 invites the caller to try again at once.
   */
  public static int of(DialbridgeException e) {
    if (e instanceof ProviderException p && p.outcomeUnknown()) {
      return p.code().equals("provider_timeout") ? 504 : 502;
    }
    return BY_CODE.getOrDefault(e.code(), 500);
  }
}
