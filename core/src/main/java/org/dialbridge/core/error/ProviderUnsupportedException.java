package org.dialbridge.core.error;

/** The provider has no API for the operation (BemMelhor cannot hang up, C3 has no status). */
public final class ProviderUnsupportedException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final String operation;

  public ProviderUnsupportedException(String provider, String operation) {
    super(
        "hangUp".equals(operation) ? ErrorCode.HANGUP_UNSUPPORTED : ErrorCode.OPERATION_UNSUPPORTED,
        provider + " does not support " + operation,
        provider,
        null,
        null,
        false,
        null);
    this.operation = operation;
  }

  /** The SPI operation name: {@code hangUp}, {@code status} or {@code activeCall}. */
  public String operation() {
    return operation;
  }
}
