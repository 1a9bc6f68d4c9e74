package org.dialbridge.core.error;

/** A webhook body that does not fit its provider's format; names the offending field. */
public final class WebhookParseException extends DialbridgeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public WebhookParseException(String field, String problem) {
    this(field, problem, null);
  }

  public WebhookParseException(String field, String problem, Throwable cause) {
    super(
        ErrorCode.WEBHOOK_UNPARSEABLE,
        field == null ? problem : "field '" + field + "': " + problem,
        cause);
    this.field = field;
  }

  /** The JSON or form field at fault, or null when the body as a whole is unreadable. */
  public String field() {
    return field;
  }
}
