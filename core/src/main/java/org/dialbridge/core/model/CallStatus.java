package org.dialbridge.core.model;

/**
 * Where a call is, from the customer's point of view. Statuses are ranked in declaration order and
 * only move forward: {@link #advanceTo} never goes back and never replaces a terminal status.
 */
public enum CallStatus {
  DIALING,
  RINGING,
  ANSWERED,
  COMPLETED,
  BUSY,
  NO_ANSWER,
  CANCELED,
  REJECTED,
  FAILED;

  /** True for the six outcomes a call ends with. */
  public boolean isTerminal() {
    return ordinal() >= COMPLETED.ordinal();
  }

  /**
   * The status a call in this status has after an event reporting {@code next}: {@code next} when
   * it is further along, else this one. A terminal status is final.
   */
  public CallStatus advanceTo(CallStatus next) {
    if (next == null || isTerminal()) return this;
    return next.ordinal() > ordinal() ? next : this;
  }

  /** True when {@link #advanceTo} would change this status. */
  public boolean canAdvanceTo(CallStatus next) {
    return advanceTo(next) != this;
  }
}
