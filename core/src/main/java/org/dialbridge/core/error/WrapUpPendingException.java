package org.dialbridge.core.error;

import java.util.Objects;
import org.dialbridge.core.model.Call;

/**
 * Wrap-up is required and the agent's last answered call has no disposition yet, so the next call
 * was not placed: {@link #awaiting()} is that call, for the button to open its wrap-up.
 */
public final class WrapUpPendingException extends DialbridgeException {
  private static final long serialVersionUID = 1L;

  private final transient Call awaiting;

  public WrapUpPendingException(Call awaiting) {
    super(
        ErrorCode.WRAP_UP_PENDING,
        "Record how your last call went (its disposition) before placing the next one.");
    this.awaiting = Objects.requireNonNull(awaiting, "awaiting == null");
  }

  /** The call awaiting its wrap-up. */
  public Call awaiting() {
    return awaiting;
  }
}
