package org.dialbridge.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.dialbridge.core.error.WebhookAuthenticationException;
import org.dialbridge.core.spi.Secret;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final byte[] BODY =
      "{\"event\":\"hangup\",\"callId\":\"api_1\"}".getBytes(StandardCharsets.UTF_8);
  private final WebhookSignatures verifier =
      new WebhookSignatures(
          List.of(Secret.of("whsec_new"), Secret.of("whsec_old")),
          Duration.ofSeconds(300),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void reproducesRfc4231TestCase1() {
    byte[] key = new byte[20];
    Arrays.fill(key, (byte) 0x0b);

    assertThat(
            HexFormat.of()
                .formatHex(
                    WebhookSignatures.hmacSha256(
                        key, "Hi There".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }

  @Test
  void reproducesRfc4231TestCase2() {
    assertThat(
            HexFormat.of()
                .formatHex(
                    WebhookSignatures.hmacSha256(
                        "Jefe".getBytes(StandardCharsets.US_ASCII),
                        "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void reproducesRfc4231TestCase6WithAKeyLongerThanTheBlock() {
    byte[] key = new byte[131];
    Arrays.fill(key, (byte) 0xaa);

    assertThat(
            HexFormat.of()
                .formatHex(
                    WebhookSignatures.hmacSha256(
                        key,
                        "Test Using Larger Than Block-Size Key - Hash Key First"
                            .getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  }

  @Test
  void signsTimestampDotBody() {
    String header = WebhookSignatures.sign("whsec_new", NOW, BODY);
    String expected =
        HexFormat.of()
            .formatHex(
                WebhookSignatures.hmacSha256(
                    "whsec_new".getBytes(StandardCharsets.UTF_8),
                    ("1795435200." + new String(BODY, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8)));

    assertThat(header).isEqualTo("t=1795435200,v1=" + expected);
  }

  @Test
  void acceptsEitherSecretDuringRotation() {
    assertThatCode(() -> verifier.verify(WebhookSignatures.sign("whsec_new", NOW, BODY), BODY))
        .doesNotThrowAnyException();
    assertThatCode(() -> verifier.verify(WebhookSignatures.sign("whsec_old", NOW, BODY), BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsAnyOfSeveralSignatures() {
    String good = WebhookSignatures.sign("whsec_new", NOW, BODY);
    String header =
        "t="
            + NOW.getEpochSecond()
            + ",v1="
            + "00".repeat(32)
            + ","
            + good.substring(good.indexOf("v1="));

    assertThatCode(() -> verifier.verify(header, BODY)).doesNotThrowAnyException();
  }

  @Test
  void refusesAMissingHeader() {
    assertThatThrownBy(() -> verifier.verify(null, BODY))
        .isInstanceOf(WebhookAuthenticationException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void refusesATamperedByte() {
    String header = WebhookSignatures.sign("whsec_new", NOW, BODY);
    byte[] tampered = BODY.clone();
    tampered[10] ^= 1;

    assertThatThrownBy(() -> verifier.verify(header, tampered))
        .hasMessageContaining("does not match");
  }

  @Test
  void refusesAWrongSecret() {
    assertThatThrownBy(
            () -> verifier.verify(WebhookSignatures.sign("whsec_guess", NOW, BODY), BODY))
        .hasMessageContaining("does not match");
  }

  @Test
  void refusesStaleAndFutureTimestampsBeyondTheTolerance() {
    assertThatThrownBy(
            () ->
                verifier.verify(
                    WebhookSignatures.sign("whsec_new", NOW.minusSeconds(301), BODY), BODY))
        .hasMessageContaining("tolerance");
    assertThatThrownBy(
            () ->
                verifier.verify(
                    WebhookSignatures.sign("whsec_new", NOW.plusSeconds(301), BODY), BODY))
        .hasMessageContaining("tolerance");
    assertThatCode(
            () ->
                verifier.verify(
                    WebhookSignatures.sign("whsec_new", NOW.minusSeconds(300), BODY), BODY))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesMalformedHeaders() {
    assertThatThrownBy(() -> verifier.verify("v1=abc", BODY)).hasMessageContaining("no timestamp");
    assertThatThrownBy(() -> verifier.verify("t=1795435200", BODY)).hasMessageContaining("no v1");
    assertThatThrownBy(() -> verifier.verify("t=soon,v1=00", BODY))
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> verifier.verify("t=1795435200,v1=zz", BODY))
        .hasMessageContaining("no v1");
  }

  @Test
  void aToleranceOfZeroIsRefused() {
    assertThatThrownBy(
            () -> new WebhookSignatures(List.of(Secret.of("s")), Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
