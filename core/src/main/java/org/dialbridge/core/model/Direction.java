package org.dialbridge.core.model;

/**
 * Who started a call: the agent, through Dialbridge (or a PBX on their behalf), or the customer.
 */
public enum Direction {
  /**
   * Placed to a customer: by Dialbridge's click-to-call, or a call it was told of by its events.
   */
  OUTBOUND,
  /** A customer called in; {@code from} is the caller and {@code to} the number they dialled. */
  INBOUND
}
