package org.dialbridge.core;

import java.time.Instant;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * An event Dialbridge records itself (placed, hang-up requested, reconciled), tied by its own call
 * id. Its key, {@code dialbridge|<what>|<call id>}, makes it happen once per call however many
 * nodes try.
 */
record OwnEvent(ProviderEvent event) {

  static OwnEvent of(
      String callId,
      String what,
      EventType type,
      CallStatus status,
      HangupCause cause,
      String raw,
      Instant at) {
    return new OwnEvent(
        new ProviderEvent(
            "dialbridge|" + what + "|" + callId,
            type,
            status,
            cause,
            raw,
            at,
            null,
            callId,
            null,
            null,
            "{}"));
  }

  /**
   * The same event under a key of its own, for an event that may happen more than once per call.
   */
  OwnEvent withKeySuffix(long suffix) {
    ProviderEvent e = event;
    return new OwnEvent(
        new ProviderEvent(
            e.eventKey() + "|" + suffix,
            e.type(),
            e.status(),
            e.cause(),
            e.rawCause(),
            e.occurredAt(),
            e.providerCallId(),
            e.callId(),
            e.agentExtension(),
            e.number(),
            e.payload()));
  }
}
