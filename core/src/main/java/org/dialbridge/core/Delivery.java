package org.dialbridge.core;

import java.util.Objects;
import java.util.Optional;
import org.dialbridge.core.spi.WebhookAnswer;

/**
 * What one webhook delivery became: how many of its events were stored and how many were already
 * stored (a provider's redelivery), and the body to answer it with when its provider reads one
 * (Bandwidth v2's BXML; empty: answer {@code 204}).
 */
public record Delivery(int stored, int duplicates, Optional<WebhookAnswer> answer) {

  public Delivery {
    Objects.requireNonNull(answer, "answer == null");
  }

  /** A delivery answered with no body. */
  public Delivery(int stored, int duplicates) {
    this(stored, duplicates, Optional.empty());
  }
}
