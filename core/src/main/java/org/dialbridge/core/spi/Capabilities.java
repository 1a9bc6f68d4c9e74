package org.dialbridge.core.spi;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.dialbridge.core.model.EventType;

/**
 * What a provider can do; the widget hides what it cannot (no hang-up button for BemMelhor).
 *
 * @param webhookEvents the event types its webhooks report (the generic format adds the rest)
 * @param dispositions whether it records the agent's wrap-up ({@link
 *     TelephonyProvider#sendDisposition}); the others keep it in Dialbridge only
 */
public record Capabilities(
    boolean placeCall,
    boolean hangUp,
    boolean status,
    boolean activeCall,
    Set<EventType> webhookEvents,
    boolean dispositions) {

  /** A provider that keeps no dispositions. */
  public Capabilities(
      boolean placeCall,
      boolean hangUp,
      boolean status,
      boolean activeCall,
      Set<EventType> webhookEvents) {
    this(placeCall, hangUp, status, activeCall, webhookEvents, false);
  }

  public Capabilities {
    Objects.requireNonNull(webhookEvents, "webhookEvents == null");
    webhookEvents = webhookEvents.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(webhookEvents));
  }
}
