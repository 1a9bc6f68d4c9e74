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
 * @param inbound whether its webhooks tell of inbound calls ringing an agent (the generic format
 *     does for every provider)
 */
public record Capabilities(
    boolean placeCall,
    boolean hangUp,
    boolean status,
    boolean activeCall,
    Set<EventType> webhookEvents,
    boolean dispositions,
    boolean inbound) {

  /** A provider that tells of no inbound call. */
  public Capabilities(
      boolean placeCall,
      boolean hangUp,
      boolean status,
      boolean activeCall,
      Set<EventType> webhookEvents,
      boolean dispositions) {
    this(placeCall, hangUp, status, activeCall, webhookEvents, dispositions, false);
  }

  /** A provider that keeps no dispositions. */
  public Capabilities(
      boolean placeCall,
      boolean hangUp,
      boolean status,
      boolean activeCall,
      Set<EventType> webhookEvents) {
    this(placeCall, hangUp, status, activeCall, webhookEvents, false, false);
  }

  public Capabilities {
    Objects.requireNonNull(webhookEvents, "webhookEvents == null");
    webhookEvents = webhookEvents.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(webhookEvents));
  }
}
