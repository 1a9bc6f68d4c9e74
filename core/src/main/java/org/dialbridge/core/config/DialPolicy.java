package org.dialbridge.core.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dialbridge.core.phone.NumberType;
import org.dialbridge.core.phone.PhoneNumbers;

/**
 * What agents may dial (the toll-fraud guard): numbers of the allowed regions only, never the
 * blocked number types (premium rate, shared cost, emergency and short codes by default), internal
 * extensions unless turned off, at most {@code rateLimit} calls per agent, and with {@code
 * oneLiveCall} no second call while the agent's last one is still live.
 */
public record DialPolicy(
    Set<String> allowedRegions,
    Set<NumberType> blockedTypes,
    boolean allowExtensions,
    RateLimit rateLimit,
    boolean oneLiveCall) {

  public static final Set<NumberType> DEFAULT_BLOCKED =
      Set.of(
          NumberType.PREMIUM_RATE,
          NumberType.SHARED_COST,
          NumberType.EMERGENCY,
          NumberType.SHORT_CODE);

  /** Ten calls a minute per agent, unless configured otherwise. */
  public static final RateLimit DEFAULT_RATE_LIMIT = new RateLimit(10, Duration.ofMinutes(1));

  private static final String ALLOWED_REGIONS = "allowed-regions";
  private static final String BLOCKED_TYPES = "blocked-types";
  private static final String RATE_LIMIT = "rate-limit";
  private static final String ALLOW_EXTENSIONS = "allow-extensions";
  private static final String ONE_LIVE_CALL = "one-live-call";

  public DialPolicy {
    allowedRegions = Set.copyOf(Objects.requireNonNull(allowedRegions, "allowedRegions == null"));
    blockedTypes = Set.copyOf(Objects.requireNonNull(blockedTypes, "blockedTypes == null"));
    Objects.requireNonNull(rateLimit, "rateLimit == null");
  }

  /**
   * Reads {@code dialbridge.dial.*}. The allowed regions default to {@code defaultRegion} (when
   * there is one); emergency numbers are blocked whatever the configuration says.
   */
  static DialPolicy read(Section dial, String defaultRegion) {
    Set<String> regions = allowedRegions(dial, defaultRegion);
    Set<NumberType> blocked = blockedTypes(dial);
    RateLimit limit = rateLimit(dial);
    boolean allowExtensions = dial.bool(ALLOW_EXTENSIONS, true);
    return new DialPolicy(regions, blocked, allowExtensions, limit, dial.bool(ONE_LIVE_CALL, true));
  }

  private static Set<String> allowedRegions(Section dial, String defaultRegion) {
    Set<String> regions = new TreeSet<>();
    Optional<List<String>> allowed = dial.list(ALLOWED_REGIONS);
    if (allowed.isPresent()) {
      for (String r : allowed.get()) {
        String region = r.toUpperCase(Locale.ROOT);
        if (!PhoneNumbers.isKnownRegion(region))
          dial.problem(ALLOWED_REGIONS, "'" + region + "' is not an ISO 3166 region code");
        regions.add(region);
      }
    } else if (defaultRegion != null) {
      regions.add(defaultRegion);
    }
    if (regions.isEmpty())
      dial.problem(ALLOWED_REGIONS, "missing: list the regions agents may dial (e.g. BR,PE,US)");
    return regions;
  }

  private static Set<NumberType> blockedTypes(Section dial) {
    Set<NumberType> blocked = EnumSet.noneOf(NumberType.class);
    Optional<List<String>> listed = dial.list(BLOCKED_TYPES);
    if (listed.isEmpty()) blocked.addAll(DEFAULT_BLOCKED);
    for (String type : listed.orElse(List.of())) {
      try {
        blocked.add(NumberType.valueOf(type.toUpperCase(Locale.ROOT).replace('-', '_')));
      } catch (IllegalArgumentException e) {
        dial.problem(
            BLOCKED_TYPES,
            "'" + type + "' is not a number type " + Arrays.toString(NumberType.values()));
      }
    }
    blocked.add(NumberType.EMERGENCY);
    return blocked;
  }

  private static RateLimit rateLimit(Section dial) {
    Optional<String> rate = dial.text(RATE_LIMIT);
    if (rate.isEmpty()) return DEFAULT_RATE_LIMIT;
    try {
      return RateLimit.parse(rate.get());
    } catch (IllegalArgumentException e) {
      dial.problem(RATE_LIMIT, e.getMessage());
      return DEFAULT_RATE_LIMIT;
    }
  }
}
