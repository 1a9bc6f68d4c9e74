package org.dialbridge.core.error;

import java.util.Locale;

/**
 * Every stable error code Dialbridge answers with. {@link #wire()} is the code as it appears in a
 * problem+json answer ({@code invalid_number}); it never changes once released. A host maps each to
 * its own answer with an exhaustive {@code switch}, so a new code cannot go unmapped.
 */
public enum ErrorCode {
  // the request
  INVALID_REQUEST,
  INVALID_JSON,
  INVALID_NUMBER,
  BODY_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE,
  METHOD_NOT_ALLOWED,
  NOT_ACCEPTABLE,
  NOT_FOUND,
  // who asks
  UNAUTHENTICATED,
  FORBIDDEN,
  CSRF_REJECTED,
  AGENT_NOT_MAPPED,
  // calls
  CALL_NOT_FOUND,
  NUMBER_NOT_ALLOWED,
  AGENT_BUSY,
  RATE_LIMITED,
  CALL_ALREADY_ENDED,
  CALL_NOT_CONNECTED,
  // wrap-up
  UNKNOWN_DISPOSITION,
  DISPOSITION_NOT_OFFERED,
  CALLBACK_TIME_REQUIRED,
  CALLBACK_TIME_IN_PAST,
  NOTE_TOO_LONG,
  WRAP_UP_NOT_OPEN,
  WRAP_UP_CLOSED,
  WRAP_UP_PENDING,
  // inbound calls
  CONTACT_NOT_A_MATCH,
  CONTACT_ALREADY_LINKED,
  CALL_NOT_MISSED,
  // providers
  PROVIDER_NOT_FOUND,
  HANGUP_UNSUPPORTED,
  OPERATION_UNSUPPORTED,
  PROVIDER_REJECTED,
  PROVIDER_AUTHENTICATION_FAILED,
  PROVIDER_UNAVAILABLE,
  PROVIDER_TIMEOUT,
  // webhooks
  WEBHOOK_UNAUTHENTICATED,
  WEBHOOK_UNPARSEABLE,
  // Dialbridge itself
  STORE_UNAVAILABLE,
  CONFIG_INVALID,
  INTERNAL_ERROR;

  private final String wire = name().toLowerCase(Locale.ROOT);

  /** The code as answered, e.g. {@code call_not_found}. */
  public String wire() {
    return wire;
  }

  @Override
  public String toString() {
    return wire;
  }
}
