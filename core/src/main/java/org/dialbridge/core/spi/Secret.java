package org.dialbridge.core.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A configured secret (token, password, signing key). Its {@link #toString()} never shows the
 * value, so it cannot leak into a log line or an exception message by accident.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value == null");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret itself; call only where it is sent or compared. */
  public String reveal() {
    return value;
  }

  /** Compares with {@code candidate} in time independent of where they differ. */
  public boolean matches(String candidate) {
    if (candidate == null) return false;
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "****";
  }
}
