package org.dialbridge.core.error;

import java.time.Duration;

/** The agent placed as many calls as the dial policy allows within its window; try again later. */
public final class RateLimitedException extends DialbridgeException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public RateLimitedException(String agent, Duration retryAfter) {
    super(
        ErrorCode.RATE_LIMITED,
        "Too many calls: "
            + agent
            + " may place the next call in "
            + Math.max(1, retryAfter.toSeconds())
            + " s.");
    this.retryAfter = retryAfter;
  }

  /** How long until the next call is allowed (at least one second). */
  public Duration retryAfter() {
    return retryAfter.isNegative() || retryAfter.isZero() ? Duration.ofSeconds(1) : retryAfter;
  }
}
