package org.dialbridge.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What the agent recorded about a call once it was answered or ended: the disposition's code, a
 * note, when to call back; who saved it last and how often ({@code revision}, 1 for the first
 * save); the call placed from its callback, once there is one; and what the provider said of it,
 * where the provider keeps dispositions.
 *
 * @param disposition the disposition's code, or null for a note only
 * @param followedUpBy the id of the call placed from this callback, or null
 * @param provider what the provider did with it, or null where it keeps no dispositions
 */
public record WrapUp(
    String callId,
    String disposition,
    String note,
    Instant callbackAt,
    Instant updatedAt,
    String updatedBy,
    int revision,
    String followedUpBy,
    ProviderReceipt provider) {

  public WrapUp {
    Objects.requireNonNull(callId, "callId == null");
    Objects.requireNonNull(updatedAt, "updatedAt == null");
    Objects.requireNonNull(updatedBy, "updatedBy == null");
    if (revision < 1) throw new IllegalArgumentException("revision < 1");
  }

  /** An open callback: a time to call back, and no call placed from it yet. */
  public boolean openCallback() {
    return callbackAt != null && followedUpBy == null;
  }

  /** This wrap-up with what the provider did with it. */
  public WrapUp withProvider(ProviderReceipt receipt) {
    return new WrapUp(
        callId,
        disposition,
        note,
        callbackAt,
        updatedAt,
        updatedBy,
        revision,
        followedUpBy,
        receipt);
  }

  /**
   * What a provider that keeps dispositions did with the last save.
   *
   * @param message the provider's words for a refusal, or why it could not be sent; else null
   */
  public record ProviderReceipt(Status status, String message) {

    /** {@code sent}, {@code refused} by the provider, or {@code failed} to reach it. */
    public enum Status {
      SENT,
      REFUSED,
      FAILED
    }

    public ProviderReceipt {
      Objects.requireNonNull(status, "status == null");
    }
  }
}
