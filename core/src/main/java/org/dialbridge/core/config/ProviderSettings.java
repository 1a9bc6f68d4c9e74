package org.dialbridge.core.config;

import java.util.Map;
import java.util.Objects;
import org.dialbridge.core.spi.ProviderConfig;

/**
 * One configured provider: what its adapter reads, how its webhooks authenticate, and the name
 * people see for it ({@code label}; by default the product's own spelling, e.g. {@code uContact}).
 */
public record ProviderSettings(ProviderConfig config, WebhookAuth webhookAuth, String label) {
  private static final Map<String, String> LABELS_BY_TYPE =
      Map.of("c3", "C3", "bemmelhor", "BemMelhor", "bandwidth", "Bandwidth", "ucontact", "uContact");

  public ProviderSettings {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(webhookAuth, "webhookAuth == null");
    if (label == null || label.isBlank()) label = LABELS_BY_TYPE.getOrDefault(config.type(), config.name());
  }

  public String name() {
    return config.name();
  }
}
