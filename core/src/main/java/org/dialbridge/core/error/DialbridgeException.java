package org.dialbridge.core.error;

import java.util.Objects;

/**
 * The one unchecked base of every error Dialbridge raises on purpose; {@link #errorCode()} is the
 * stable code that the REST layer puts in its problem+json answers.
 */
public class DialbridgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public DialbridgeException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public DialbridgeException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code == null");
  }

  /** The stable code. */
  public ErrorCode errorCode() {
    return code;
  }

  /** The stable code as answered, e.g. {@code invalid_number}; never changes once released. */
  public String code() {
    return code.wire();
  }
}
