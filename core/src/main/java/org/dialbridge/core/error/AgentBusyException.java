package org.dialbridge.core.error;

import java.util.Objects;
import org.dialbridge.core.model.Call;

/**
 * The agent is on a live call already, so a second one was not placed: {@link #liveCall()} is that
 * call, for a button or a tab to show it instead.
 */
public final class AgentBusyException extends DialbridgeException {
  private static final long serialVersionUID = 1L;

  private final transient Call liveCall;

  public AgentBusyException(Call liveCall) {
    super(
        ErrorCode.AGENT_BUSY,
        "You are already on a call; hang it up or wait for it to end before placing another.");
    this.liveCall = Objects.requireNonNull(liveCall, "liveCall == null");
  }

  /** The agent's live call, the one in the way. */
  public Call liveCall() {
    return liveCall;
  }
}
