package org.dialbridge.core.error;

/** The provider refused our credentials (token missing, wrong or revoked). */
public final class ProviderAuthenticationException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public ProviderAuthenticationException(
      String provider, Integer httpStatus, String providerMessage) {
    super(
        ErrorCode.PROVIDER_AUTHENTICATION_FAILED,
        provider
            + " refused Dialbridge's credentials"
            + (trim(providerMessage) == null ? "" : ": " + trim(providerMessage)),
        provider,
        httpStatus,
        trim(providerMessage),
        false,
        null);
  }
}
