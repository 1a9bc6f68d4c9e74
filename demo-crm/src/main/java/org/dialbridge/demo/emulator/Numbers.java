package org.dialbridge.demo.emulator;

/** Phone-number helpers; the emulator must not depend on dialbridge-core, so it has its own. */
final class Numbers {
  private Numbers() {}

  /** Only the digits of {@code s}. */
  static String digits(String s) {
    return s.replaceAll("\\D", "");
  }

  /** The user part of a SIP URI ({@code sip:6001@host} → {@code 6001}); anything else as is. */
  static String userPart(String number) {
    String s =
        number.regionMatches(true, 0, "sips:", 0, 5)
            ? number.substring(5)
            : number.regionMatches(true, 0, "sip:", 0, 4) ? number.substring(4) : number;
    int at = s.indexOf('@');
    return at < 0 ? s : s.substring(0, at);
  }

  /**
   * A number masked to its last four digits for logs ({@code +5511999991234} → {@code •••1234}).
   */
  static String mask(String number) {
    if (number == null) return "null";
    String digits = digits(number);
    if (digits.length() <= 4) return "•••";
    return "•••" + digits.substring(digits.length() - 4);
  }
}
