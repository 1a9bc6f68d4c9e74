package org.dialbridge.core.store;

import java.time.Duration;
import org.dialbridge.core.config.RateLimit;

/**
 * The agent's rules a call is recorded under, checked under the agent's lock.
 *
 * @param rateLimit at most so many calls per window, or null for none
 * @param oneLiveCall none while the agent is on a live call
 * @param wrapUpWindow with mandatory wrap-up, how long after its end the agent's last answered call
 *     blocks the next one until it has a disposition; null when wrap-up is not required
 */
public record PlacementRules(RateLimit rateLimit, boolean oneLiveCall, Duration wrapUpWindow) {

  boolean needAgentLock() {
    return rateLimit != null || oneLiveCall || wrapUpWindow != null;
  }
}
