package org.dialbridge.core.error;

/** The call store cannot be reached; nothing was written, the caller may retry later. */
public final class StoreUnavailableException extends DialbridgeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(ErrorCode.STORE_UNAVAILABLE, message, cause);
  }
}
