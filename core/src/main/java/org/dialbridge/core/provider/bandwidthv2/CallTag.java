package org.dialbridge.core.provider.bandwidthv2;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dialbridge.core.spi.Secret;

/**
 * The {@code tag} Dialbridge gives the calls it places: {@code <call id>;<customer E.164>;<mac>}.
 * Bandwidth echoes it on every callback of the call, so the agent leg's {@code answer} carries all
 * the BXML transfer to the customer needs, and no webhook waits for a database read.
 *
 * <p>The MAC (HMAC-SHA256 over {@code <call id>;<number>} keyed with the webhook password, 128
 * bits, Base64url) proves the tag is ours: a tag set by anyone else (another application on the
 * same Bandwidth account) names no call and transfers to nobody. Rotating the webhook password
 * orphans the tags of calls in progress.
 */
final class CallTag {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 16;

  private final SecretKeySpec key;

  CallTag(Secret webhookPassword) {
    byte[] secret = webhookPassword.reveal().getBytes(StandardCharsets.UTF_8);
    this.key = new SecretKeySpec(secret, ALGORITHM);
  }

  /** What a verified tag says. */
  record Contents(String callId, String customer) {
    Contents {
      Objects.requireNonNull(callId, "callId == null");
      Objects.requireNonNull(customer, "customer == null");
    }
  }

  /** The tag of call {@code callId} to {@code customer} (E.164). */
  String tag(String callId, String customer) {
    if (callId.indexOf(';') >= 0 || customer.indexOf(';') >= 0) {
      throw new IllegalArgumentException("a tag's parts cannot hold ';'");
    }
    String signed = callId + ";" + customer;
    return signed + ";" + mac(signed);
  }

  /** What {@code tag} says when it is one of ours and intact; empty otherwise. */
  Optional<Contents> read(String tag) {
    if (tag == null) return Optional.empty();
    int last = tag.lastIndexOf(';');
    if (last <= 0) return Optional.empty();
    String signed = tag.substring(0, last);
    int middle = signed.lastIndexOf(';');
    if (middle <= 0 || middle == signed.length() - 1) return Optional.empty();
    byte[] given = tag.substring(last + 1).getBytes(StandardCharsets.US_ASCII);
    byte[] expected = mac(signed).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(given, expected)) return Optional.empty();
    return Optional.of(new Contents(signed.substring(0, middle), signed.substring(middle + 1)));
  }

  private String mac(String signed) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] full = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, MAC_BYTES));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
