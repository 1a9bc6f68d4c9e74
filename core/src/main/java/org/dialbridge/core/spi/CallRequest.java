package org.dialbridge.core.spi;

import java.util.Objects;
import org.dialbridge.core.phone.Destination;

/**
 * What an adapter needs to place one call: Dialbridge's own call id (adapters that can tag a call
 * send it along), the agent whose extension rings, and the destination.
 */
public record CallRequest(String callId, Agent agent, Destination destination) {

  public CallRequest {
    Objects.requireNonNull(callId, "callId == null");
    Objects.requireNonNull(agent, "agent == null");
    Objects.requireNonNull(destination, "destination == null");
  }
}
