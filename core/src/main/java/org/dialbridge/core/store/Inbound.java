package org.dialbridge.core.store;

import java.time.Instant;
import java.util.Objects;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * A webhook event authenticated and parsed, to be appended to the inbox and applied to its call
 * later.
 *
 * @param provider the configured provider the delivery was authenticated for
 * @param receivedAt when the delivery arrived
 */
public record Inbound(String provider, ProviderEvent event, Instant receivedAt) {
  public Inbound {
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(event, "event == null");
    Objects.requireNonNull(receivedAt, "receivedAt == null");
  }
}
