package org.dialbridge.core;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dialbridge.core.config.DialbridgeConfig;
import org.dialbridge.core.config.ProviderSettings;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.error.WebhookAuthenticationException;
import org.dialbridge.core.spi.WebhookRequest;
import org.dialbridge.core.webhook.WebhookAuthenticator;
import org.dialbridge.core.webhook.WebhookSignatures;

/**
 * Checks a webhook delivery against its provider's configured methods (token, HTTP Basic, HMAC
 * signature) on the raw bytes, before anything reads the body.
 */
final class WebhookVerification {
  private final Map<String, WebhookAuthenticator> authenticators = new LinkedHashMap<>();

  WebhookVerification(DialbridgeConfig config, Clock clock) {
    for (ProviderSettings p : config.providers().values()) {
      authenticators.put(p.name(), new WebhookAuthenticator(p.webhookAuth(), clock));
    }
  }

  /**
   * @param pathToken the token the delivery carried in its URL, or null
   * @throws DialbridgeException {@code provider_not_found}
   * @throws WebhookAuthenticationException when no configured method accepts the delivery
   */
  void verify(String provider, WebhookRequest request, String pathToken) {
    WebhookAuthenticator authenticator = authenticators.get(provider);
    if (authenticator == null) {
      throw new DialbridgeException(
          ErrorCode.PROVIDER_NOT_FOUND, "No provider named " + provider + " is configured.");
    }
    authenticator.authenticate(
        new WebhookAuthenticator.Credentials(
            pathToken,
            request.header(WebhookAuthenticator.TOKEN_HEADER).orElse(null),
            request.header("Authorization").orElse(null),
            request.header(WebhookSignatures.HEADER).orElse(null)),
        request.body());
  }
}
