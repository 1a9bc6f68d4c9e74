package org.dialbridge.core.phone;

import java.util.Objects;

/**
 * A number Dialbridge can dial: either a phone number in E.164 ({@code +5511999999999}) with its
 * country code, national significant number and region, or an internal extension kept as given
 * ({@code 6005}). A trailing extension typed after a phone number ({@code x12}) is kept in {@code
 * extension} but never dialled.
 */
public record Destination(
    String value,
    NumberType type,
    int countryCode,
    String nationalNumber,
    String region,
    String extension) {

  public Destination {
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(type, "type == null");
    if (isInternal(type)) {
      if (!value.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException(
            "an extension is digits only: " + PhoneNumbers.mask(value));
      }
    } else {
      if (!value.startsWith("+"))
        throw new IllegalArgumentException("value is not E.164: " + PhoneNumbers.mask(value));
      Objects.requireNonNull(nationalNumber, "nationalNumber == null");
      if (countryCode <= 0) throw new IllegalArgumentException("countryCode <= 0");
    }
  }

  static Destination extension(String digits, NumberType type) {
    return new Destination(digits, type, 0, null, null, null);
  }

  private static boolean isInternal(NumberType type) {
    return type == NumberType.EXTENSION
        || type == NumberType.EMERGENCY
        || type == NumberType.SHORT_CODE;
  }

  /** True for a short number dialled as typed (an extension, an emergency or a short code). */
  public boolean isExtension() {
    return isInternal(type);
  }

  /** E.164 with the plus, or the extension as given. */
  public String e164() {
    return value;
  }

  /** E.164 without the plus ({@code 5511999999999}), or the extension as given. */
  public String e164Digits() {
    return isExtension() ? value : value.substring(1);
  }

  /** The national significant number ({@code 11999999999}), or the extension as given. */
  public String national() {
    return isExtension() ? value : nationalNumber;
  }

  /** The number masked to its last four digits, for logs. */
  public String masked() {
    return PhoneNumbers.mask(value);
  }

  @Override
  public String toString() {
    return "Destination[" + type + " " + masked() + "]";
  }
}
