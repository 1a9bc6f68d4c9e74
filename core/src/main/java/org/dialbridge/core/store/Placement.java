package org.dialbridge.core.store;

import java.util.Objects;
import org.dialbridge.core.model.Call;

/**
 * What recording a call about to be placed did: recorded, or refused because the agent reached the
 * rate limit or is on a live call already ({@code liveCall}, the call in the way).
 */
public record Placement(Outcome outcome, Call liveCall) {
  static final Placement PLACED = new Placement(Outcome.PLACED, null);
  static final Placement RATE_LIMITED = new Placement(Outcome.RATE_LIMITED, null);

  /** Why a call was or was not recorded. */
  public enum Outcome {
    PLACED,
    RATE_LIMITED,
    AGENT_BUSY
  }

  public Placement {
    Objects.requireNonNull(outcome, "outcome == null");
    if ((outcome == Outcome.AGENT_BUSY) != (liveCall != null)) {
      throw new IllegalArgumentException("liveCall is set exactly when the agent is busy");
    }
  }

  static Placement busy(Call liveCall) {
    return new Placement(Outcome.AGENT_BUSY, liveCall);
  }
}
