package org.dialbridge.core.model;

/** What happened in one {@link CallEvent}. */
public enum EventType {
  /** Dialbridge asked the provider to place the call. */
  PLACED,
  /** An inbound call started ringing for an agent: the first event of an inbound call. */
  INCOMING,
  DIALING,
  RINGING,
  ANSWERED,
  HANGUP,
  /** Dialbridge asked the provider to hang up. */
  HANGUP_REQUESTED,
  /** The reconciler asked the provider for the call's status. */
  STATUS_POLLED,
  /**
   * The agent saved the call's wrap-up (disposition, note, callback); its payload has who, before
   * and after.
   */
  WRAP_UP,
  /** A well-formed event Dialbridge stores for audit but that does not move the call. */
  OTHER
}
