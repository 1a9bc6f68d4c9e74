package org.dialbridge.core.provider.bemmelhor;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Objects;
import java.util.Optional;
import org.dialbridge.core.phone.Destination;
import org.dialbridge.core.phone.PhoneNumbers;

/**
 * How BemMelhor's PBX wants a destination in the click-to-call path, and back: an extension as
 * given ({@code 6005}); a number of the home region as the outside-line prefix and its national
 * significant number ({@code 0} + {@code 32999999999}); any other number as the outside-line
 * prefix, the international prefix, the country code and the national significant number ({@code 0}
 * + {@code 00} + {@code 51} + {@code 15551234}). Thread-safe.
 */
final class DialFormat {
  private final String dialPrefix;
  private final String internationalPrefix;
  private final int homeCountryCode;
  private final PhoneNumbers homeNumbers;

  /**
   * @param dialPrefix the outside-line prefix, digits, possibly empty
   * @param internationalPrefix the international call prefix, one or more digits
   * @param homeRegion the ISO 3166 region whose numbers are dialled nationally
   */
  DialFormat(String dialPrefix, String internationalPrefix, String homeRegion) {
    Objects.requireNonNull(dialPrefix, "dialPrefix == null");
    Objects.requireNonNull(internationalPrefix, "internationalPrefix == null");
    Objects.requireNonNull(homeRegion, "homeRegion == null");
    if (!isDigits(dialPrefix))
      throw new IllegalArgumentException("dialPrefix is not digits: " + dialPrefix);
    if (internationalPrefix.isEmpty() || !isDigits(internationalPrefix)) {
      throw new IllegalArgumentException(
          "internationalPrefix is not digits: " + internationalPrefix);
    }
    if (!PhoneNumbers.isKnownRegion(homeRegion))
      throw new IllegalArgumentException("unknown region: " + homeRegion);
    this.dialPrefix = dialPrefix;
    this.internationalPrefix = internationalPrefix;
    this.homeNumbers = new PhoneNumbers(homeRegion);
    this.homeCountryCode =
        PhoneNumberUtil.getInstance().getCountryCodeForRegion(homeNumbers.defaultRegion());
  }

  /** The outside-line prefix, possibly empty. */
  String dialPrefix() {
    return dialPrefix;
  }

  /** The destination as the PBX dials it. */
  String target(Destination destination) {
    if (destination.isExtension()) return destination.value();
    // Countries sharing the home country code (NANP) are dialled nationally as well.
    if (destination.countryCode() == homeCountryCode) return dialPrefix + destination.national();
    return dialPrefix + internationalPrefix + destination.countryCode() + destination.national();
  }

  /**
   * A number as the PBX reports it ({@code 032999999999}) in E.164, or an extension as given; empty
   * when it is neither (Asterisk's {@code h} or {@code s}, a channel name, garbage).
   */
  Optional<String> number(String dialled) {
    if (dialled == null) return Optional.empty();
    String s = dialled.strip();
    if (s.startsWith("+")) return phoneNumber(s);
    if (s.isEmpty() || !isDigits(s)) return Optional.empty();
    String abroad = dialPrefix + internationalPrefix;
    if (s.startsWith(abroad) && s.length() > abroad.length()) {
      Optional<String> number = phoneNumber("+" + s.substring(abroad.length()));
      if (number.isPresent()) return number;
    }
    if (!dialPrefix.isEmpty() && s.startsWith(dialPrefix) && s.length() > dialPrefix.length()) {
      Optional<String> number = phoneNumber(s.substring(dialPrefix.length()));
      if (number.isPresent()) return number;
    }
    // No prefix it recognises: a number written without one, or an extension, kept as given.
    return homeNumbers.tryParse(s).map(Destination::e164);
  }

  private Optional<String> phoneNumber(String text) {
    return homeNumbers.tryParse(text).filter(d -> !d.isExtension()).map(Destination::e164);
  }

  private static boolean isDigits(String s) {
    return s.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
