package org.dialbridge.servlet;

import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.error.ProviderException;

/** The HTTP status of each stable error code. */
public final class ErrorStatus {
  private ErrorStatus() {}

  /**
   * The status for {@code e}. A provider failure whose outcome is unknown (the call may be ringing)
   * is a 502 or 504, never a 503: a 503 invites the caller to try again at once.
   */
  public static int of(DialbridgeException e) {
    if (e instanceof ProviderException p && p.outcomeUnknown()) {
      return p.errorCode() == ErrorCode.PROVIDER_TIMEOUT ? 504 : 502;
    }
    return of(e.errorCode());
  }

  /** The status of {@code code}; exhaustive, so a new code cannot be left without one. */
  public static int of(ErrorCode code) {
    return switch (code) {
      case INVALID_REQUEST, INVALID_JSON, INVALID_NUMBER, WEBHOOK_UNPARSEABLE -> 400;
      case UNAUTHENTICATED, WEBHOOK_UNAUTHENTICATED -> 401;
      case FORBIDDEN, CSRF_REJECTED, NUMBER_NOT_ALLOWED, AGENT_NOT_MAPPED -> 403;
      case NOT_FOUND, CALL_NOT_FOUND, PROVIDER_NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case NOT_ACCEPTABLE -> 406;
      case AGENT_BUSY,
          WRAP_UP_PENDING,
          WRAP_UP_NOT_OPEN,
          WRAP_UP_CLOSED,
          CONTACT_ALREADY_LINKED,
          CALL_NOT_MISSED,
          CALL_ALREADY_ENDED,
          CALL_NOT_CONNECTED,
          HANGUP_UNSUPPORTED,
          OPERATION_UNSUPPORTED ->
          409;
      case BODY_TOO_LARGE -> 413;
      case UNKNOWN_DISPOSITION,
          DISPOSITION_NOT_OFFERED,
          CALLBACK_TIME_REQUIRED,
          CALLBACK_TIME_IN_PAST,
          NOTE_TOO_LONG,
          CONTACT_NOT_A_MATCH ->
          422;
      case UNSUPPORTED_MEDIA_TYPE -> 415;
      case RATE_LIMITED -> 429;
      case PROVIDER_REJECTED, PROVIDER_AUTHENTICATION_FAILED -> 502;
      case PROVIDER_UNAVAILABLE, STORE_UNAVAILABLE -> 503;
      case PROVIDER_TIMEOUT -> 504;
      case CONFIG_INVALID, INTERNAL_ERROR -> 500;
    };
  }
}
