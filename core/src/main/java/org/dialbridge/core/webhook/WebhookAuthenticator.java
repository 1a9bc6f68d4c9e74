package org.dialbridge.core.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.dialbridge.core.config.WebhookAuth;
import org.dialbridge.core.error.WebhookAuthenticationException;
import org.dialbridge.core.spi.Secret;

/**
 * Checks one webhook delivery against its provider's configured methods (docs/webhooks.md): a token
 * (as the last path segment or in {@code X-Dialbridge-Token}), HTTP Basic, or an HMAC signature.
 * Any one configured method that passes suffices; with none configured every delivery is refused.
 * All comparisons run in constant time.
 */
public final class WebhookAuthenticator {
  public static final String TOKEN_HEADER = "X-Dialbridge-Token";

  private final WebhookAuth auth;
  private final WebhookSignatures signatures;

  public WebhookAuthenticator(WebhookAuth auth, Clock clock) {
    this.auth = auth;
    this.signatures =
        auth.hmacSecrets().isEmpty()
            ? null
            : new WebhookSignatures(auth.hmacSecrets(), auth.hmacTolerance(), clock);
  }

  /** What a delivery offers as proof. Any may be null. */
  public record Credentials(
      String pathToken, String headerToken, String authorization, String signature) {}

  /**
   * @throws WebhookAuthenticationException when no configured method accepts the delivery, saying
   *     why for each method tried
   */
  public void authenticate(Credentials credentials, byte[] rawBody) {
    if (!auth.isConfigured()) {
      throw new WebhookAuthenticationException(
          "no webhook authentication is configured for this provider");
    }
    List<String> reasons = new ArrayList<>();
    if (auth.token() != null) {
      boolean ok =
          auth.token().matches(credentials.pathToken())
              | auth.token().matches(credentials.headerToken());
      if (ok) return;
      reasons.add(
          credentials.pathToken() == null && credentials.headerToken() == null
              ? "no token"
              : "wrong token");
    }
    if (auth.basicUser() != null) {
      String basic = basicCredentials(credentials.authorization());
      if (basic != null) {
        int colon = basic.indexOf(':');
        String user = colon < 0 ? basic : basic.substring(0, colon);
        String password = colon < 0 ? "" : basic.substring(colon + 1);
        boolean userOk = Secret.of(auth.basicUser()).matches(user);
        boolean passwordOk = auth.basicPassword().matches(password);
        if (userOk & passwordOk) return;
        reasons.add("wrong Basic credentials");
      } else {
        reasons.add("no Basic credentials");
      }
    }
    if (signatures != null) {
      try {
        signatures.verify(credentials.signature(), rawBody);
        return;
      } catch (WebhookAuthenticationException e) {
        reasons.add(e.getMessage());
      }
    }
    throw new WebhookAuthenticationException(
        "webhook authentication failed: " + String.join("; ", reasons));
  }

  private static String basicCredentials(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) return null;
    try {
      return new String(
          Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
