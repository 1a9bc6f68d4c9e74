package org.dialbridge.core.error;

/**
 * The one unchecked base of every error Dialbridge raises on purpose; {@link #code()} is the stable
 * machine-readable code that the REST layer puts in its problem+json answers.
 */
public class DialbridgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public DialbridgeException(String code, String message) {
    this(code, message, null);
  }

  public DialbridgeException(String code, String message, Throwable cause) {
    super(message, cause);
    if (code == null || code.isBlank()) throw new IllegalArgumentException("code == null");
    this.code = code;
  }

  /** The stable code, e.g. {@code invalid_number}; never changes once released. */
  public String code() {
    return code;
  }
}
