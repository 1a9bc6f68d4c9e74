package org.dialbridge.core;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.dialbridge.core.config.DialPolicy;
import org.dialbridge.core.phone.Destination;
import org.dialbridge.core.phone.NumberType;
import org.dialbridge.core.phone.PhoneNumbers;

/**
 * The dial policy applied to one destination, before any provider is asked: numbers of other
 * countries, blocked number types, and short numbers that are not what they seem. A short number is
 * classified in every region agents may dial (the default region included), and again without the
 * provider's outside-line prefix, since the PBX strips it and dials the rest ({@code 0190} is
 * {@code 190}). Configured agent extensions stay dialable, whatever they look like elsewhere.
 */
final class DialRules {
  private final DialPolicy policy;
  private final Set<String> regions;
  private final Set<String> agentExtensions;

  DialRules(DialPolicy policy, String defaultRegion, Set<String> agentExtensions) {
    this.policy = policy;
    Set<String> all = new TreeSet<>(policy.allowedRegions());
    if (defaultRegion != null) all.add(defaultRegion);
    this.regions = Set.copyOf(all);
    this.agentExtensions = Set.copyOf(agentExtensions);
  }

  /**
   * Why {@code destination} may not be dialled, in words, or empty when it may.
   *
   * @param outsideLinePrefix the digits the provider's PBX reads as "outside line", or empty
   */
  Optional<String> refusal(Destination destination, Optional<String> outsideLinePrefix) {
    NumberType type =
        destination.isExtension()
            ? shortNumberType(destination.value(), outsideLinePrefix)
            : destination.type();
    if (type == NumberType.EMERGENCY)
      return Optional.of("emergency numbers cannot be dialled from the CRM");
    if (policy.blockedTypes().contains(type)) return Optional.of(blocked(type));
    if (destination.isExtension() && !policy.allowExtensions())
      return Optional.of("internal extensions are blocked");
    if (!destination.isExtension() && !policy.allowedRegions().contains(destination.region())) {
      return Optional.of(
          "calls to "
              + destination.region()
              + " are not allowed (allowed: "
              + String.join(", ", new TreeSet<>(policy.allowedRegions()))
              + ")");
    }
    return Optional.empty();
  }

  private NumberType shortNumberType(String digits, Optional<String> outsideLinePrefix) {
    if (agentExtensions.contains(digits)) return NumberType.EXTENSION;
    NumberType asTyped = PhoneNumbers.shortNumberType(digits, regions);
    Optional<String> dialled =
        outsideLinePrefix
            .filter(p -> !p.isEmpty() && digits.startsWith(p) && digits.length() > p.length())
            .map(p -> digits.substring(p.length()));
    if (dialled.isEmpty() || asTyped == NumberType.EMERGENCY) return asTyped;
    NumberType afterPrefix = PhoneNumbers.shortNumberType(dialled.get(), regions);
    return afterPrefix == NumberType.EXTENSION ? asTyped : afterPrefix;
  }

  private static String blocked(NumberType type) {
    return switch (type) {
      case PREMIUM_RATE -> "premium-rate numbers are blocked";
      case SHARED_COST -> "shared-cost numbers are blocked";
      case SHORT_CODE -> "short codes are blocked";
      default -> type.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " numbers are blocked";
    };
  }
}
