package org.dialbridge.core.model;

/** What happened in one {@link CallEvent}. */
public enum EventType {
  /** Dialbridge asked the provider to place the call. */
  PLACED,
  DIALING,
  RINGING,
  ANSWERED,
  HANGUP,
  /** Dialbridge asked the provider to hang up. */
  HANGUP_REQUESTED,
  /** The reconciler asked the provider for the call's status. */
  STATUS_POLLED,
  /** A well-formed event Dialbridge stores for audit but that does not move the call. */
  OTHER
}
