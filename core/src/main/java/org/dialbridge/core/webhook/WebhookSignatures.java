package org.dialbridge.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dialbridge.core.error.WebhookAuthenticationException;
import org.dialbridge.core.spi.Secret;

/**
 * Dialbridge's webhook signature: {@code X-Dialbridge-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "<t>." + raw body)>}. Verification is a pure function of the raw body, the
 * header, the secrets, the tolerance and the clock: it accepts any of several secrets (rotation)
 * and any of several {@code v1} values, refuses timestamps outside the tolerance in both
 * directions, and compares in constant time. {@link #sign} makes the header for test payloads and
 * for senders.
 */
public final class WebhookSignatures {
  public static final String HEADER = "X-Dialbridge-Signature";

  private final List<Secret> secrets;
  private final Duration tolerance;
  private final Clock clock;

  /**
   * @throws IllegalArgumentException without secrets, or with a tolerance that is not positive (a
   *     tolerance of 0 would refuse every delivery)
   */
  public WebhookSignatures(List<Secret> secrets, Duration tolerance, Clock clock) {
    this.secrets = List.copyOf(Objects.requireNonNull(secrets, "secrets == null"));
    if (this.secrets.isEmpty())
      throw new IllegalArgumentException("at least one secret is required");
    Objects.requireNonNull(tolerance, "tolerance == null");
    if (tolerance.isZero() || tolerance.isNegative())
      throw new IllegalArgumentException("tolerance must be positive");
    this.tolerance = tolerance;
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** The header value for {@code body} signed with {@code secret} at {@code timestamp}. */
  public static String sign(String secret, Instant timestamp, byte[] body) {
    long t = timestamp.getEpochSecond();
    return "t="
        + t
        + ",v1="
        + HexFormat.of()
            .formatHex(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), signedPayload(t, body)));
  }

  /**
   * Checks {@code header} against the raw {@code body}.
   *
   * @throws WebhookAuthenticationException saying which check failed (never showing a secret)
   */
  public void verify(String header, byte[] body) {
    if (header == null || header.isBlank())
      throw new WebhookAuthenticationException("missing " + HEADER + " header");
    Long t = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq <= 0) continue;
      String key = p.substring(0, eq);
      String value = p.substring(eq + 1);
      if (key.equals("t")) {
        try {
          t = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new WebhookAuthenticationException("malformed timestamp in " + HEADER);
        }
      } else if (key.equals("v1")) {
        try {
          signatures.add(HexFormat.of().parseHex(value));
        } catch (IllegalArgumentException e) {
          // a malformed signature cannot match; keep looking for a well-formed one
        }
      }
    }
    if (t == null) throw new WebhookAuthenticationException("no timestamp in " + HEADER);
    if (signatures.isEmpty())
      throw new WebhookAuthenticationException("no v1 signature in " + HEADER);
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - t) > tolerance.toSeconds()) {
      throw new WebhookAuthenticationException(
          "signature timestamp outside the tolerance of " + tolerance.toSeconds() + " s");
    }
    byte[] payload = signedPayload(t, body);
    boolean match = false;
    for (Secret secret : secrets) {
      byte[] expected = hmacSha256(secret.reveal().getBytes(StandardCharsets.UTF_8), payload);
      for (byte[] candidate : signatures) {
        match |= MessageDigest.isEqual(expected, candidate);
      }
    }
    if (!match) throw new WebhookAuthenticationException("signature does not match");
  }

  private static byte[] signedPayload(long t, byte[] body) {
    byte[] prefix = (t + ".").getBytes(StandardCharsets.US_ASCII);
    byte[] payload = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, payload, 0, prefix.length);
    System.arraycopy(body, 0, payload, prefix.length, body.length);
    return payload;
  }

  /** HMAC-SHA256 of {@code data} under {@code key} (RFC 2104). */
  public static byte[] hmacSha256(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
