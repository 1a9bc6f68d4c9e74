package org.dialbridge.core.error;

/** The provider answered and refused the request; {@link #providerMessage()} says why. */
public final class ProviderRejectedException extends ProviderException {
  private static final long serialVersionUID = 1L;

  public ProviderRejectedException(String provider, Integer httpStatus, String providerMessage) {
    super(
        ErrorCode.PROVIDER_REJECTED,
        provider
            + " rejected the request"
            + (trim(providerMessage) == null ? "" : ": " + trim(providerMessage)),
        provider,
        httpStatus,
        trim(providerMessage),
        false,
        null);
  }
}
