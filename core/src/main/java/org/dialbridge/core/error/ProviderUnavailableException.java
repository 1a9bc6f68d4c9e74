package org.dialbridge.core.error;

/**
 * The provider could not be reached (connection refused, reset) or answered with a server error.
 * {@link #outcomeUnknown()} tells the two apart: a refused connection never carried the request.
 */
public final class ProviderUnavailableException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public ProviderUnavailableException(
      String provider,
      Integer httpStatus,
      String providerMessage,
      boolean outcomeUnknown,
      Throwable cause) {
    super(
        ErrorCode.PROVIDER_UNAVAILABLE,
        provider
            + " is unavailable"
            + (httpStatus == null ? "" : " (HTTP " + httpStatus + ")")
            + (trim(providerMessage) == null ? "" : ": " + trim(providerMessage))
            + (outcomeUnknown ? "; the outcome is unknown" : ""),
        provider,
        httpStatus,
        trim(providerMessage),
        outcomeUnknown,
        cause);
  }
}
