package org.dialbridge.core.error;

/** No complete answer within the configured timeouts or the request's overall deadline. */
public final class ProviderTimeoutException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public ProviderTimeoutException(
      String provider, String what, boolean outcomeUnknown, Throwable cause) {
    super(
        ErrorCode.PROVIDER_TIMEOUT,
        provider
            + " did not answer in time ("
            + what
            + ")"
            + (outcomeUnknown ? "; the outcome is unknown" : ""),
        provider,
        null,
        null,
        outcomeUnknown,
        cause);
  }
}
