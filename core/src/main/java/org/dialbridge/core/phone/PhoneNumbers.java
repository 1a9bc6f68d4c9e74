package org.dialbridge.core.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.ShortNumberInfo;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dialbridge.core.error.InvalidNumberException;
import org.dialbridge.core.error.InvalidNumberException.Reason;

/**
 * Reads numbers the way agents and CRMs type them and answers E.164 (through libphonenumber).
 * Tolerates spaces, dashes, dots, parentheses, {@code (0)}, {@code /} and a trailing extension
 * ({@code x12}, {@code ext. 12}, {@code ramal 12}, {@code anexo 12}); reads numbers without a
 * country code in the configured default region; keeps short internal extensions (2 to 6 digits) as
 * extensions, marking emergency numbers and public short codes of the region as such. Anything else
 * raises {@link InvalidNumberException} with the reason. Thread-safe.
 */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final ShortNumberInfo SHORT = ShortNumberInfo.getInstance();

  private static final Pattern TRAILING_EXTENSION =
      Pattern.compile(
          "(?iu)^(.*?\\d.*?)[\\s,;]*"
              + "(?:ext\\.?|extension|ext\\s*n[o°º]\\.?|x|#|ramal|anexo|extens[aã]o|extensi[oó]n)"
              + "\\s*[:.]?\\s*(\\d{1,7})\\s*$");
  private static final Pattern TRUNK_ZERO = Pattern.compile("\\(\\s*0\\s*\\)");
  private static final int MIN_EXTENSION = 2;
  private static final int MAX_EXTENSION = 6;

  private final String defaultRegion;

  /**
   * @param defaultRegion the ISO 3166 region ({@code BR}) used to read numbers typed without a
   *     country code; null to require a country code on every number
   */
  public PhoneNumbers(String defaultRegion) {
    if (defaultRegion != null) {
      String region = defaultRegion.toUpperCase(Locale.ROOT);
      if (!UTIL.getSupportedRegions().contains(region)) {
        throw new IllegalArgumentException("unknown region: " + defaultRegion);
      }
      this.defaultRegion = region;
    } else {
      this.defaultRegion = null;
    }
  }

  /** The region numbers without a country code are read in, or null. */
  public String defaultRegion() {
    return defaultRegion;
  }

  /** True when {@code region} is an ISO 3166 region libphonenumber knows. */
  public static boolean isKnownRegion(String region) {
    return region != null && UTIL.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
  }

  /**
   * Reads {@code raw} as a phone number or an internal extension.
   *
   * @throws InvalidNumberException saying why the number cannot be dialled
   */
  public Destination parse(String raw) {
    if (raw == null || raw.isBlank()) throw new InvalidNumberException(Reason.EMPTY);
    String text = raw.strip();
    if (text.length() > 64) throw new InvalidNumberException(Reason.TOO_LONG);

    String extension = null;
    // the patterns only where they can match: most numbers are digits and punctuation alone
    if (mayHaveExtension(text)) {
      Matcher ext = TRAILING_EXTENSION.matcher(text);
      if (ext.matches()) {
        text = ext.group(1);
        extension = ext.group(2);
      }
      if (text.codePoints().anyMatch(Character::isLetter))
        throw new InvalidNumberException(Reason.LETTERS);
    }
    if (text.indexOf('(') >= 0) text = TRUNK_ZERO.matcher(text).replaceAll(" ");

    String compact = withoutPunctuation(text);
    boolean plus = compact.startsWith("+");
    String digits = plus ? compact.substring(1) : compact;
    if (digits.isEmpty()) throw new InvalidNumberException(Reason.EMPTY);
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidNumberException(Reason.INVALID);
    }
    if (!plus && extension == null && digits.length() <= MAX_EXTENSION) {
      if (digits.length() < MIN_EXTENSION) throw new InvalidNumberException(Reason.TOO_SHORT);
      return Destination.extension(digits, shortNumberType(digits));
    }
    if (!plus && digits.startsWith("00") && defaultRegion == null) {
      digits = digits.substring(2);
      plus = true;
    }
    if (!plus && defaultRegion == null) throw new InvalidNumberException(Reason.NO_COUNTRY);

    PhoneNumber number = parseWithLibphonenumber(plus ? "+" + digits : digits);
    return toDestination(number, extension);
  }

  /** True when {@code text} holds a letter or {@code #}: what an extension's keyword needs. */
  private static boolean mayHaveExtension(String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '#' || Character.isLetter(ch) || Character.isSurrogate(ch)) return true;
    }
    return false;
  }

  /**
   * {@code text} without the punctuation people type in numbers: ASCII whitespace, no-break and
   * figure spaces, dots, hyphens and dashes, parentheses, slashes and brackets.
   */
  private static String withoutPunctuation(String text) {
    StringBuilder kept = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      boolean punctuation =
          switch (ch) {
            case ' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2007', '\u202F' -> true;
            case '.', '-', '(', ')', '/', '[', ']' -> true;
            default -> ch >= '\u2010' && ch <= '\u2015';
          };
      if (!punctuation) kept.append(ch);
    }
    return kept.toString();
  }

  /**
   * Like {@link #parse} but empty instead of an error: for numbers in webhooks, which may be
   * anything.
   */
  public Optional<Destination> tryParse(String raw) {
    try {
      return Optional.of(parse(raw));
    } catch (InvalidNumberException e) {
      return Optional.empty();
    }
  }

  private PhoneNumber parseWithLibphonenumber(String text) {
    PhoneNumber number;
    try {
      number = UTIL.parse(text, defaultRegion == null ? "ZZ" : defaultRegion);
    } catch (NumberParseException e) {
      throw new InvalidNumberException(
          switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> Reason.UNKNOWN_COUNTRY;
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> Reason.TOO_SHORT;
            case TOO_LONG -> Reason.TOO_LONG;
            case NOT_A_NUMBER -> Reason.INVALID;
          },
          e);
    }
    ValidationResult possible = UTIL.isPossibleNumberWithReason(number);
    switch (possible) {
      case TOO_SHORT -> throw new InvalidNumberException(Reason.TOO_SHORT);
      case TOO_LONG -> throw new InvalidNumberException(Reason.TOO_LONG);
      case INVALID_COUNTRY_CODE -> throw new InvalidNumberException(Reason.UNKNOWN_COUNTRY);
      case INVALID_LENGTH -> throw new InvalidNumberException(Reason.INVALID);
      default -> {}
    }
    return number;
  }

  /**
   * The destination of a possible number, or {@link Reason#INVALID} when no number type of its
   * region matches: the test {@code isValidNumber} makes, done once here for the type as well.
   */
  private Destination toDestination(PhoneNumber number, String extension) {
    PhoneNumberType numberType = UTIL.getNumberType(number);
    if (numberType == PhoneNumberType.UNKNOWN) throw new InvalidNumberException(Reason.INVALID);
    String e164 = UTIL.format(number, PhoneNumberFormat.E164);
    String region = UTIL.getRegionCodeForNumber(number);
    NumberType type =
        switch (numberType) {
          case FIXED_LINE -> NumberType.FIXED_LINE;
          case MOBILE -> NumberType.MOBILE;
          case FIXED_LINE_OR_MOBILE -> NumberType.FIXED_LINE_OR_MOBILE;
          case TOLL_FREE -> NumberType.TOLL_FREE;
          case PREMIUM_RATE -> NumberType.PREMIUM_RATE;
          case SHARED_COST -> NumberType.SHARED_COST;
          case VOIP -> NumberType.VOIP;
          case PERSONAL_NUMBER -> NumberType.PERSONAL_NUMBER;
          case PAGER -> NumberType.PAGER;
          case UAN -> NumberType.UAN;
          case VOICEMAIL -> NumberType.VOICEMAIL;
          case UNKNOWN -> NumberType.UNKNOWN;
        };
    return new Destination(
        e164,
        type,
        number.getCountryCode(),
        UTIL.getNationalSignificantNumber(number),
        region,
        extension);
  }

  /**
   * A short number is an emergency number or a public short code (a service number such as BR's
   * {@code 102}) when libphonenumber knows it for the default region; carrier-specific short codes
   * (US {@code 6001}) and everything else are taken for internal extensions.
   */
  private NumberType shortNumberType(String digits) {
    return defaultRegion == null ? NumberType.EXTENSION : shortNumberType(digits, defaultRegion);
  }

  private static NumberType shortNumberType(String digits, String region) {
    if (SHORT.isEmergencyNumber(digits, region)) return NumberType.EMERGENCY;
    try {
      PhoneNumber number = UTIL.parse(digits, region);
      if (SHORT.isValidShortNumberForRegion(number, region)
          && !SHORT.isCarrierSpecificForRegion(number, region)) {
        return NumberType.SHORT_CODE;
      }
    } catch (NumberParseException e) {
      // not a number libphonenumber reads: an extension
    }
    return NumberType.EXTENSION;
  }

  /**
   * What a short number is in any of {@code regions}: {@link NumberType#EMERGENCY} when it is an
   * emergency number in one of them, else {@link NumberType#SHORT_CODE} when it is a public short
   * code in one, else {@link NumberType#EXTENSION}. A PBX dials what it is given, so a number that
   * is harmless at home but an emergency number in another region the CRM may dial counts.
   */
  public static NumberType shortNumberType(String digits, Collection<String> regions) {
    NumberType worst = NumberType.EXTENSION;
    for (String region : regions) {
      NumberType type = shortNumberType(digits, region.toUpperCase(Locale.ROOT));
      if (type == NumberType.EMERGENCY) return type;
      if (type == NumberType.SHORT_CODE) worst = type;
    }
    return worst;
  }

  /**
   * A number masked to its last four digits for logs and messages: {@code +5511999991234} becomes
   * {@code •••1234}; numbers of four digits or fewer are masked whole.
   */
  public static String mask(String number) {
    if (number == null) return "null";
    char[] last = new char[4];
    int digits = 0;
    for (int i = number.length() - 1; i >= 0 && digits <= 4; i--) {
      char ch = number.charAt(i);
      if (ch >= '0' && ch <= '9') {
        if (digits < 4) last[3 - digits] = ch;
        digits++;
      }
    }
    return digits <= 4 ? "•••" : "•••" + new String(last);
  }
}
