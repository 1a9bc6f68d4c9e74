package org.dialbridge.core.store;

import java.util.Objects;
import org.dialbridge.core.model.Call;

/**
 * What recording a call about to be placed did: recorded, or refused because the agent reached the
 * rate limit, is on a live call already, or has not wrapped up their last answered call where that
 * is required ({@code inTheWay}: the live call, or the call awaiting its wrap-up).
 */
public record Placement(Outcome outcome, Call inTheWay) {
  static final Placement PLACED = new Placement(Outcome.PLACED, null);
  static final Placement RATE_LIMITED = new Placement(Outcome.RATE_LIMITED, null);

  /** Why a call was or was not recorded. */
  public enum Outcome {
    PLACED,
    RATE_LIMITED,
    AGENT_BUSY,
    WRAP_UP_PENDING
  }

  public Placement {
    Objects.requireNonNull(outcome, "outcome == null");
    boolean blocked = outcome == Outcome.AGENT_BUSY || outcome == Outcome.WRAP_UP_PENDING;
    if (blocked != (inTheWay != null)) {
      throw new IllegalArgumentException("inTheWay is set exactly when a call is in the way");
    }
  }

  static Placement busy(Call liveCall) {
    return new Placement(Outcome.AGENT_BUSY, liveCall);
  }

  static Placement wrapUpPending(Call awaiting) {
    return new Placement(Outcome.WRAP_UP_PENDING, awaiting);
  }
}
