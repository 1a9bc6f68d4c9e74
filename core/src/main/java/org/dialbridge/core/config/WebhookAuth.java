package org.dialbridge.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.dialbridge.core.spi.Secret;

/**
 * How one provider's webhooks prove where they come from (docs/webhooks.md): a token, HTTP Basic,
 * or an HMAC signature (several secrets during rotation). Any one configured method suffices; with
 * none configured the provider's webhooks are refused.
 */
public record WebhookAuth(
    Secret token,
    String basicUser,
    Secret basicPassword,
    List<Secret> hmacSecrets,
    Duration hmacTolerance) {

  /** The signature tolerance when none is configured: five minutes either way. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

  private static final String TOKEN = "webhook-token";
  private static final String BASIC_USER = "webhook-basic-user";
  private static final String BASIC_PASSWORD = "webhook-basic-password";
  private static final String HMAC_SECRET = "webhook-hmac-secret";
  private static final String HMAC_TOLERANCE = "webhook-hmac-tolerance";

  /** The keys this record reads in a provider's section. */
  static final Set<String> KEYS =
      Set.of(TOKEN, BASIC_USER, BASIC_PASSWORD, HMAC_SECRET, HMAC_TOLERANCE);

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

  /**
   * Reads the {@code webhook-*} keys of one provider's section ({@code
   * dialbridge.providers.<name>.}).
   */
  static WebhookAuth read(Section provider) {
    Secret token = provider.text(TOKEN).map(Secret::of).orElse(null);
    String user = provider.text(BASIC_USER).orElse(null);
    Secret password = provider.text(BASIC_PASSWORD).map(Secret::of).orElse(null);
    if ((user == null) != (password == null)) {
      provider.problem(
          user == null ? BASIC_USER : BASIC_PASSWORD,
          BASIC_USER + " and " + BASIC_PASSWORD + " go together");
      user = null;
      password = null;
    }
    List<Secret> hmac =
        provider.list(HMAC_SECRET).orElse(List.of()).stream().map(Secret::of).toList();
    return new WebhookAuth(token, user, password, hmac, tolerance(provider));
  }

  private static Duration tolerance(Section provider) {
    Duration tolerance = provider.duration(HMAC_TOLERANCE, DEFAULT_TOLERANCE);
    if (!tolerance.isZero()) return tolerance;
    provider.problem(HMAC_TOLERANCE, "0 would refuse every signature; use e.g. 300s");
    return DEFAULT_TOLERANCE;
  }

  /** True when at least one method is configured. */
  public boolean isConfigured() {
    return token != null || basicUser != null || !hmacSecrets.isEmpty();
  }

  @Override
  public String toString() {
    return "WebhookAuth[token="
        + (token == null ? "none" : "****")
        + ", basic="
        + (basicUser == null ? "none" : basicUser + ":****")
        + ", hmacSecrets="
        + hmacSecrets.size()
        + ", tolerance="
        + Durations.format(hmacTolerance)
        + "]";
  }
}
