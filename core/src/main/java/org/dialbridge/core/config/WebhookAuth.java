package org.dialbridge.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.dialbridge.core.spi.Secret;

/**
 * How one provider's webhooks prove where they come from (docs/webhooks.md): a token, HTTP Basic, or an
 * HMAC signature (several secrets during rotation). Any one configured method suffices; with none
 * configured the provider's webhooks are refused.
 */
public record WebhookAuth(
    Secret token, String basicUser, Secret basicPassword, List<Secret> hmacSecrets, Duration hmacTolerance) {

  /** The signature tolerance when none is configured: five minutes either way. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

  public WebhookAuth {
    hmacSecrets = hmacSecrets == null ? List.of() : List.copyOf(hmacSecrets);
    Objects.requireNonNull(hmacTolerance, "hmacTolerance == null");
    if (hmacTolerance.isZero() || hmacTolerance.isNegative()) {
      throw new IllegalArgumentException("hmacTolerance must be positive");
    }
    if ((basicUser == null) != (basicPassword == null)) {
      throw new IllegalArgumentException("basicUser and basicPassword go together");
    }
  }

  public static WebhookAuth none() {
    return new WebhookAuth(null, null, null, List.of(), DEFAULT_TOLERANCE);
  }

  /** True when at least one method is configured. */
  public boolean isConfigured() {
    return token != null || basicUser != null || !hmacSecrets.isEmpty();
  }

  @Override
  public String toString() {
    return "WebhookAuth[token=" + (token == null ? "none" : "****")
        + ", basic=" + (basicUser == null ? "none" : basicUser + ":****")
        + ", hmacSecrets=" + hmacSecrets.size() + ", tolerance=" + Durations.format(hmacTolerance) + "]";
  }
}
