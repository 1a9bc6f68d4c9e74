package org.dialbridge.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The providers' documented payloads, one file each under {@code src/test/resources/<provider>/}
 * (copied from the providers' documentation, quirks included).
 */
public final class Fixtures {
  private Fixtures() {}

  /** The fixture's text, e.g. {@code fixture("bemmelhor/webhook-call-hangup.json")}. */
  public static String fixture(String path) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
