package org.dialbridge.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored event of a call. {@code providerEventKey} is the dedupe key: two deliveries of the
 * same provider event have the same key. {@code payload} is the body as received, for audit. {@code
 * callId} is null for an event not (yet) linked to a call.
 */
public record CallEvent(
    String callId,
    EventType type,
    CallStatus status,
    HangupCause cause,
    String rawCause,
    Instant occurredAt,
    Instant receivedAt,
    String providerEventKey,
    String payload) {

  public CallEvent {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(receivedAt, "receivedAt == null");
    Objects.requireNonNull(providerEventKey, "providerEventKey == null");
    if (providerEventKey.isBlank()) throw new IllegalArgumentException("providerEventKey is blank");
    if (type == EventType.HANGUP && (status == null || !status.isTerminal())) {
      throw new IllegalArgumentException("a HANGUP event needs a terminal status, got " + status);
    }
    if (cause != null && (status == null || cause.status() != status)) {
      throw new IllegalArgumentException("cause " + cause + " does not end a call as " + status);
    }
  }
}
