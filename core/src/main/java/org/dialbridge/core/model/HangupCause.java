package org.dialbridge.core.model;

/**
 * Why a call ended, the same words for every provider; the provider's own cause string is kept
 * beside it as {@code rawCause}. Each cause implies one terminal {@link CallStatus}.
 */
public enum HangupCause {
  /** Answered, then hung up normally. */
  NORMAL_CLEARING(CallStatus.COMPLETED),
  /** The customer's line was busy. */
  BUSY(CallStatus.BUSY),
  /** Rang out without an answer. */
  NO_ANSWER(CallStatus.NO_ANSWER),
  /** The caller hung up before the customer answered. */
  CANCELED(CallStatus.CANCELED),
  /** The customer or their network rejected the call. */
  REJECTED(CallStatus.REJECTED),
  /** The number does not exist. */
  INVALID_NUMBER(CallStatus.FAILED),
  /** The network was congested or failed temporarily. */
  NETWORK_FAILURE(CallStatus.FAILED),
  /** No final event ever came; closed by the reconciler. */
  NO_FINAL_EVENT(CallStatus.FAILED),
  /** Any other failure the provider reported. */
  PROVIDER_ERROR(CallStatus.FAILED);

  private final CallStatus status;

  HangupCause(CallStatus status) {
    this.status = status;
  }

  /** The terminal status a call ending for this cause has. */
  public CallStatus status() {
    return status;
  }
}
