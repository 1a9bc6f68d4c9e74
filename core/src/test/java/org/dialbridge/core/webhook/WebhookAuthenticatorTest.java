package org.dialbridge.core.webhook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.dialbridge.core.config.WebhookAuth;
import org.dialbridge.core.error.WebhookAuthenticationException;
import org.dialbridge.core.spi.Secret;
import org.dialbridge.core.webhook.WebhookAuthenticator.Credentials;
import org.junit.jupiter.api.Test;

class WebhookAuthenticatorTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  private static WebhookAuthenticator with(WebhookAuth auth) {
    return new WebhookAuthenticator(auth, CLOCK);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aTokenInThePathOrTheHeaderPasses() {
    WebhookAuthenticator a =
        with(
            new WebhookAuth(
                Secret.of("tok"), null, null, List.of(), WebhookAuth.DEFAULT_TOLERANCE));

    assertThatCode(() -> a.authenticate(new Credentials("tok", null, null, null), BODY))
        .doesNotThrowAnyException();
    assertThatCode(() -> a.authenticate(new Credentials(null, "tok", null, null), BODY))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> a.authenticate(new Credentials("tok2", null, null, null), BODY))
        .isInstanceOf(WebhookAuthenticationException.class)
        .hasMessageContaining("wrong token");
    assertThatThrownBy(() -> a.authenticate(new Credentials(null, null, null, null), BODY))
        .hasMessageContaining("no token");
  }

  @Test
  void basicCredentialsPass() {
    WebhookAuthenticator a =
        with(
            new WebhookAuth(null, "bw", Secret.of("pw"), List.of(), WebhookAuth.DEFAULT_TOLERANCE));

    assertThatCode(() -> a.authenticate(new Credentials(null, null, basic("bw", "pw"), null), BODY))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> a.authenticate(new Credentials(null, null, basic("bw", "nope"), null), BODY))
        .hasMessageContaining("wrong Basic");
    assertThatThrownBy(() -> a.authenticate(new Credentials(null, null, "Basic !!!", null), BODY))
        .hasMessageContaining("no Basic");
  }

  @Test
  void anyOneConfiguredMethodSuffices() {
    WebhookAuthenticator a =
        with(
            new WebhookAuth(
                Secret.of("tok"),
                null,
                null,
                List.of(Secret.of("hs")),
                WebhookAuth.DEFAULT_TOLERANCE));

    assertThatCode(
            () ->
                a.authenticate(
                    new Credentials(null, null, null, WebhookSignatures.sign("hs", NOW, BODY)),
                    BODY))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> a.authenticate(new Credentials("bad", null, null, "t=1,v1=00"), BODY))
        .hasMessageContaining("wrong token")
        .hasMessageContaining("tolerance");
  }

  @Test
  void nothingConfiguredRefusesEverything() {
    assertThatThrownBy(
            () ->
                with(WebhookAuth.none()).authenticate(new Credentials("x", "x", null, null), BODY))
        .hasMessageContaining("no webhook authentication is configured");
  }
}
