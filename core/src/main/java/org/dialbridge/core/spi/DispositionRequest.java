package org.dialbridge.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A call's wrap-up, for a provider that records dispositions (uContact's {@code DispositionCall}).
 *
 * @param callId Dialbridge's id of the call
 * @param providerCallId the provider's id of the call (uContact's guid)
 * @param agent the agent whose call it was
 * @param customerNumber the number the agent called, E.164 where it is a phone number
 * @param disposition the disposition's code
 * @param note the agent's note, or null
 * @param callbackAt when to call back, or null
 */
public record DispositionRequest(
    String callId,
    String providerCallId,
    Agent agent,
    String customerNumber,
    String disposition,
    String note,
    Instant callbackAt) {

  public DispositionRequest {
    Objects.requireNonNull(callId, "callId == null");
    Objects.requireNonNull(providerCallId, "providerCallId == null");
    Objects.requireNonNull(agent, "agent == null");
    Objects.requireNonNull(disposition, "disposition == null");
  }
}
