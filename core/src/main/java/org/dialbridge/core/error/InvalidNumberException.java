package org.dialbridge.core.error;

/** A phone number that cannot be dialled, with the reason in words and as an enum. */
public final class InvalidNumberException extends DialbridgeException {
  private static final long serialVersionUID = 1L;

  /** Why a number was refused; each reason has a sentence an agent can act on. */
  public enum Reason {
    EMPTY("the number is empty"),
    LETTERS("the number contains letters"),
    TOO_SHORT("the number is too short"),
    TOO_LONG("the number is too long"),
    UNKNOWN_COUNTRY("the country code is unknown"),
    NO_COUNTRY("the number has no country code and no default region is configured"),
    INVALID("the number is not a valid phone number for its country");

    private final String sentence;

    Reason(String sentence) {
      this.sentence = sentence;
    }

    public String sentence() {
      return sentence;
    }
  }

  private final Reason reason;

  public InvalidNumberException(Reason reason) {
    this(reason, null);
  }

  public InvalidNumberException(Reason reason, Throwable cause) {
    super(ErrorCode.INVALID_NUMBER, "Invalid number: " + reason.sentence() + ".", cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
