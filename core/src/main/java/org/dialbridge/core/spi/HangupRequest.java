package org.dialbridge.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * What an adapter needs to hang one call up: the provider's id of the call's first leg, the ids of
 * further legs the adapter linked to it (Bandwidth's transferred leg), and the agent's extension
 * (uContact hangs up a phone, not a call).
 */
public record HangupRequest(String providerCallId, List<String> otherLegs, String agentExtension) {

  public HangupRequest {
    Objects.requireNonNull(providerCallId, "providerCallId == null");
    otherLegs = otherLegs == null ? List.of() : List.copyOf(otherLegs);
  }
}
