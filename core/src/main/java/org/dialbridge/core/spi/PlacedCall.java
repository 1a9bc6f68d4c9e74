package org.dialbridge.core.spi;

import java.util.Objects;

/** The provider's answer to a call origination: its own id for the call. */
public record PlacedCall(String providerCallId) {

  public PlacedCall {
    Objects.requireNonNull(providerCallId, "providerCallId == null");
    if (providerCallId.isBlank()) throw new IllegalArgumentException("providerCallId is blank");
  }
}
