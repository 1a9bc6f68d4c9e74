package org.dialbridge.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One call as Dialbridge records it: placed by click-to-call, or an inbound call that rang for an
 * agent ({@link Direction}; for an inbound call {@code from} is the caller, {@code to} the number
 * dialled, and {@code agent} the CRM user who answered it, or the only one it rang). {@code id} is
 * Dialbridge's own (a UUID created before the provider is asked); {@code providerCallId} is the
 * provider's, known once it answers. Numbers are E.164 where they are phone numbers; extensions
 * stay as given.
 */
public record Call(
    String id,
    String provider,
    String providerCallId,
    String contactId,
    String agent,
    String agentExtension,
    String from,
    String to,
    CallStatus status,
    HangupCause cause,
    String rawCause,
    Instant createdAt,
    Instant answeredAt,
    Instant endedAt,
    Long durationSeconds,
    Direction direction) {

  public Call {
    if (direction == null) direction = Direction.OUTBOUND;
    requireText(id, "id");
    requireText(provider, "provider");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    if (cause != null && !status.isTerminal()) {
      throw new IllegalArgumentException(
          "cause " + cause + " on a call that has not ended (" + status + ")");
    }
    if ((endedAt != null) != status.isTerminal()) {
      throw new IllegalArgumentException(
          "endedAt must be set exactly when the call has ended (" + status + ")");
    }
    if (status.isTerminal() && cause == null) {
      throw new IllegalArgumentException("an ended call needs a cause (" + status + ")");
    }
    if (durationSeconds != null && durationSeconds < 0) {
      throw new IllegalArgumentException("durationSeconds < 0");
    }
  }

  /** An outbound call, as every call was before calls had a direction. */
  public Call(
      String id,
      String provider,
      String providerCallId,
      String contactId,
      String agent,
      String agentExtension,
      String from,
      String to,
      CallStatus status,
      HangupCause cause,
      String rawCause,
      Instant createdAt,
      Instant answeredAt,
      Instant endedAt,
      Long durationSeconds) {
    this(
        id,
        provider,
        providerCallId,
        contactId,
        agent,
        agentExtension,
        from,
        to,
        status,
        cause,
        rawCause,
        createdAt,
        answeredAt,
        endedAt,
        durationSeconds,
        Direction.OUTBOUND);
  }

  /** True for a call a customer made. */
  public boolean inbound() {
    return direction == Direction.INBOUND;
  }

  /** An inbound call that ended without being answered. */
  public boolean missed() {
    return inbound() && status.isTerminal() && answeredAt == null;
  }

  /** The customer's number: who was called, or for an inbound call who called. */
  public String customerNumber() {
    return inbound() ? from : to;
  }

  /** This call linked to a CRM contact (an inbound caller the agent identified). */
  public Call withContact(String newContactId) {
    return new Call(
        id,
        provider,
        providerCallId,
        newContactId,
        agent,
        agentExtension,
        from,
        to,
        status,
        cause,
        rawCause,
        createdAt,
        answeredAt,
        endedAt,
        durationSeconds,
        direction);
  }

  /**
   * This call as answered by {@code user} on {@code extension} (an inbound call that rang several).
   */
  public Call withAgent(String user, String extension) {
    return new Call(
        id,
        provider,
        providerCallId,
        contactId,
        user,
        extension,
        from,
        to,
        status,
        cause,
        rawCause,
        createdAt,
        answeredAt,
        endedAt,
        durationSeconds,
        direction);
  }

  /** A call just recorded, before the provider has been asked: {@link CallStatus#DIALING}. */
  public static Call placed(
      String id,
      String provider,
      String contactId,
      String agent,
      String agentExtension,
      String from,
      String to,
      Instant createdAt) {
    return new Call(
        id,
        provider,
        null,
        contactId,
        agent,
        agentExtension,
        from,
        to,
        CallStatus.DIALING,
        null,
        null,
        createdAt,
        null,
        null,
        null);
  }

  /**
   * This call after {@code event}. The result does not depend on the order events arrive in: the
   * status only moves forward; the answer time is the earliest answer seen; of several final events
   * the one that happened first decides the outcome (so a late event never replaces an earlier
   * ending, and a reconciler's {@code no_final_event} gives way to a real hang-up that happened
   * before it); the duration runs from answer to end; an event reported before the call was created
   * counts as happening when it was created. Returns this very instance when the event changes
   * nothing.
   */
  public Call apply(CallEvent event) {
    Objects.requireNonNull(event, "event == null");
    CallStatus reported = event.status();
    if (reported == null) return this;
    Instant at = effectiveTime(event);

    CallStatus nextStatus = status;
    HangupCause nextCause = cause;
    String nextRawCause = rawCause;
    Instant nextEnded = endedAt;
    Instant nextAnswered = answeredAt;

    if (reported == CallStatus.ANSWERED && (answeredAt == null || at.isBefore(answeredAt))) {
      nextAnswered = at;
    }
    if (reported.isTerminal()) {
      HangupCause reportedCause = event.cause() != null ? event.cause() : defaultCause(reported);
      if (!status.isTerminal() || endsEarlier(at, reported, event.rawCause())) {
        nextStatus = reported;
        nextCause = reportedCause;
        nextRawCause = event.rawCause();
        nextEnded = at;
      }
    } else {
      nextStatus = status.advanceTo(reported);
    }
    Long duration = durationSeconds;
    if (nextEnded != null) {
      duration =
          nextAnswered == null
              ? null
              : Math.max(0, Duration.between(nextAnswered, nextEnded).getSeconds());
    }
    if (nextStatus == status
        && nextCause == cause
        && Objects.equals(nextRawCause, rawCause)
        && Objects.equals(nextEnded, endedAt)
        && Objects.equals(nextAnswered, answeredAt)) {
      return this;
    }
    return new Call(
        id,
        provider,
        providerCallId,
        contactId,
        agent,
        agentExtension,
        from,
        to,
        nextStatus,
        nextCause,
        nextRawCause,
        createdAt,
        nextAnswered,
        nextEnded,
        duration,
        direction);
  }

  /**
   * When an event counts for this call: the provider's time, else the time of receipt, but never
   * before the call was created. A replayed event or a provider's clock running behind keeps its
   * reported time in the event, while the call is never answered or ended before it existed.
   */
  private Instant effectiveTime(CallEvent event) {
    Instant reported = event.occurredAt() != null ? event.occurredAt() : event.receivedAt();
    return reported.isBefore(createdAt) ? createdAt : reported;
  }

  /**
   * Whether a final event at {@code at} happened before the one that ended this call (ties broken
   * stably).
   */
  private boolean endsEarlier(Instant at, CallStatus reported, String reportedRawCause) {
    int byTime = at.compareTo(endedAt);
    if (byTime != 0) return byTime < 0;
    int byStatus = Integer.compare(reported.ordinal(), status.ordinal());
    if (byStatus != 0) return byStatus < 0;
    return Objects.toString(reportedRawCause, "").compareTo(Objects.toString(rawCause, "")) < 0;
  }

  private static HangupCause defaultCause(CallStatus terminal) {
    return switch (terminal) {
      case COMPLETED -> HangupCause.NORMAL_CLEARING;
      case BUSY -> HangupCause.BUSY;
      case NO_ANSWER -> HangupCause.NO_ANSWER;
      case CANCELED -> HangupCause.CANCELED;
      case REJECTED -> HangupCause.REJECTED;
      default -> HangupCause.PROVIDER_ERROR;
    };
  }

  private static void requireText(String value, String name) {
    if (value == null) throw new NullPointerException(name + " == null");
    if (value.isBlank()) throw new IllegalArgumentException(name + " is blank");
  }
}
