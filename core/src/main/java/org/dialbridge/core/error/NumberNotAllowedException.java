package org.dialbridge.core.error;

/** The dial policy refuses the number (toll-fraud guard): region, premium rate, emergency… */
public final class NumberNotAllowedException extends DialbridgeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /**
   * @param reason why, in words an agent understands, without the number itself
   */
  public NumberNotAllowedException(String reason) {
    super(ErrorCode.NUMBER_NOT_ALLOWED, "This number may not be dialled: " + reason + ".");
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
