package org.dialbridge.demo.emulator;

import java.security.SecureRandom;

/** Random ids in each provider's style. */
final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String HEX = "0123456789abcdef";

  private Ids() {}

  /** {@code length} lower-case letters and digits (C3's {@code api_…}, Bandwidth's {@code c-…}). */
  static String alphanumeric(int length) {
    return random(ALPHANUMERIC, length);
  }

  /** {@code length} lower-case hex digits (BemMelhor's {@code callId}). */
  static String hex(int length) {
    return random(HEX, length);
  }

  private static String random(String alphabet, int length) {
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    return id.toString();
  }
}
