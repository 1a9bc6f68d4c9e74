package org.dialbridge.core.error;

/** A webhook that failed authentication: wrong token, signature, credentials or client id. */
public final class WebhookAuthenticationException extends DialbridgeException {
  private static final long serialVersionUID = 1L;

  public WebhookAuthenticationException(String reason) {
    super(ErrorCode.WEBHOOK_UNAUTHENTICATED, reason);
  }
}
