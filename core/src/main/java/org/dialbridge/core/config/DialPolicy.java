package org.dialbridge.core.config;

import java.util.Objects;
import java.util.Set;
import org.dialbridge.core.phone.NumberType;

/**
 * What agents may dial (the toll-fraud guard): numbers of the allowed regions only, never the
 * blocked number types (premium rate, shared cost, emergency and short codes by default), internal
 * extensions unless turned off, at most {@code rateLimit} calls per agent, and with
 * {@code oneLiveCall} no second call while the agent's last one is still live.
 */
public record DialPolicy(Set<String> allowedRegions, Set<NumberType> blockedTypes, boolean allowExtensions, RateLimit rateLimit,
    boolean oneLiveCall) {

  public static final Set<NumberType> DEFAULT_BLOCKED =
      Set.of(NumberType.PREMIUM_RATE, NumberType.SHARED_COST, NumberType.EMERGENCY, NumberType.SHORT_CODE);

  public DialPolicy {
    allowedRegions = Set.copyOf(Objects.requireNonNull(allowedRegions, "allowedRegions == null"));
    blockedTypes = Set.copyOf(Objects.requireNonNull(blockedTypes, "blockedTypes == null"));
    Objects.requireNonNull(rateLimit, "rateLimit == null");
  }
}
