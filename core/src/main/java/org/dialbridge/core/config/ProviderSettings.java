package org.dialbridge.core.config;

import java.util.Objects;
import org.dialbridge.core.spi.ProviderConfig;

/** One configured provider: what its adapter reads, and how its webhooks authenticate. */
public record ProviderSettings(ProviderConfig config, WebhookAuth webhookAuth) {

  public ProviderSettings {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(webhookAuth, "webhookAuth == null");
  }

  public String name() {
    return config.name();
  }
}
