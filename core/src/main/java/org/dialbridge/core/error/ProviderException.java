package org.dialbridge.core.error;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A telephony provider did not do what was asked. Carries the evidence a caller needs: the
 * configured provider name, the HTTP status where there was one, the provider's own message, and
 * whether the request may have been carried out anyway ({@link #outcomeUnknown()}: it reached the
 * provider but no clear answer came back, so a call may be ringing).
 */
public abstract sealed class ProviderException extends DialbridgeException
    permits ProviderRejectedException,
        ProviderTimeoutException,
        ProviderUnavailableException,
        ProviderUnsupportedException,
        ProviderAuthenticationException {
  private static final long serialVersionUID = 1L;

  private final String provider;
  private final Integer httpStatus;
  private final String providerMessage;
  private final boolean outcomeUnknown;

  ProviderException(
      ErrorCode code,
      String message,
      String provider,
      Integer httpStatus,
      String providerMessage,
      boolean outcomeUnknown,
      Throwable cause) {
    super(code, message, cause);
    if (provider == null) throw new IllegalArgumentException("provider == null");
    this.provider = provider;
    this.httpStatus = httpStatus;
    this.providerMessage = providerMessage;
    this.outcomeUnknown = outcomeUnknown;
  }

  /** The configured provider name, e.g. {@code c3}. */
  public String provider() {
    return provider;
  }

  public OptionalInt httpStatus() {
    return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /** What the provider said, trimmed to a readable length; empty when it said nothing. */
  public Optional<String> providerMessage() {
    return Optional.ofNullable(providerMessage);
  }

  /** True when the request reached the provider and it may have acted on it. */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  static String trim(String text) {
    if (text == null) return null;
    String t = text.strip();
    if (t.isEmpty()) return null;
    return t.length() > 300 ? t.substring(0, 300) + "…" : t;
  }
}
