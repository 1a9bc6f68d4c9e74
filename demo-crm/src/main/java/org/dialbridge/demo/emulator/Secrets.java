package org.dialbridge.demo.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Credential checks in constant time, so the emulator does not teach adapters to rely on a leaky
 * server.
 */
final class Secrets {
  private Secrets() {}

  static boolean equal(String given, String expected) {
    return given != null
        && expected != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
