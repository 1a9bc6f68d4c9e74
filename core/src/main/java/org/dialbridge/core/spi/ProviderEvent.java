package org.dialbridge.core.spi;

import java.time.Instant;
import java.util.Objects;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.Direction;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;

/**
 * One webhook event normalized by its provider's {@link WebhookParser}, before it is stored.
 *
 * <p>{@code eventKey} is the dedupe key: two deliveries of the same event have the same key. The
 * fields that tie the event to a call are tried in order: {@code providerCallId}, then {@code
 * callId} (Dialbridge's own id, where the provider echoes it back), then the one call ringing on
 * {@code agentExtension}, then {@code number} through the CRM's contact directory.
 *
 * <p>An event that starts an inbound call ({@link EventType#INCOMING}) has {@code direction} {@link
 * Direction#INBOUND}: its {@code number} is the caller, {@code dialled} the number they called, and
 * {@code agentExtension} the agent whose phone rings, when the provider names one.
 *
 * @param occurredAt the provider's time for the event, null when it gives none or an unreadable one
 * @param payload the body as received
 * @param direction the call's direction when the event states it, else null
 * @param dialled the number an inbound caller dialled, when given
 */
public record ProviderEvent(
    String eventKey,
    EventType type,
    CallStatus status,
    HangupCause cause,
    String rawCause,
    Instant occurredAt,
    String providerCallId,
    String callId,
    String agentExtension,
    String number,
    String payload,
    Direction direction,
    String dialled) {

  public ProviderEvent {
    Objects.requireNonNull(eventKey, "eventKey == null");
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(payload, "payload == null");
    if (eventKey.isBlank()) throw new IllegalArgumentException("eventKey is blank");
    if (type == EventType.HANGUP && (status == null || !status.isTerminal())) {
      throw new IllegalArgumentException("a HANGUP event needs a terminal status, got " + status);
    }
    if (type == EventType.INCOMING && direction != Direction.INBOUND) {
      throw new IllegalArgumentException("an INCOMING event starts an inbound call: direction");
    }
    if (cause != null && cause.status() != status) {
      throw new IllegalArgumentException(cause + " does not end a call as " + status);
    }
  }

  /** An event that does not state a direction (as every event did before inbound calls). */
  public ProviderEvent(
      String eventKey,
      EventType type,
      CallStatus status,
      HangupCause cause,
      String rawCause,
      Instant occurredAt,
      String providerCallId,
      String callId,
      String agentExtension,
      String number,
      String payload) {
    this(
        eventKey,
        type,
        status,
        cause,
        rawCause,
        occurredAt,
        providerCallId,
        callId,
        agentExtension,
        number,
        payload,
        null,
        null);
  }

  /** True when the event starts an inbound call. */
  public boolean startsInbound() {
    return direction == Direction.INBOUND && type == EventType.INCOMING;
  }

  /** A builder, since most events fill only some of the correlation fields. */
  public static Builder builder(String eventKey, EventType type, String payload) {
    return new Builder(eventKey, type, payload);
  }

  /** This event with another type, status and cause (an adapter re-reading its own event). */
  public ProviderEvent retyped(EventType newType, CallStatus newStatus, HangupCause newCause) {
    return new ProviderEvent(
        eventKey,
        newType,
        newStatus,
        newCause,
        rawCause,
        occurredAt,
        providerCallId,
        callId,
        agentExtension,
        number,
        payload,
        direction,
        dialled);
  }

  /** Builds a {@link ProviderEvent}; unset fields stay null. */
  public static final class Builder {
    private final String eventKey;
    private final EventType type;
    private final String payload;
    private CallStatus status;
    private HangupCause cause;
    private String rawCause;
    private Instant occurredAt;
    private String providerCallId;
    private String callId;
    private String agentExtension;
    private String number;
    private Direction direction;
    private String dialled;

    private Builder(String eventKey, EventType type, String payload) {
      this.eventKey = eventKey;
      this.type = type;
      this.payload = payload;
    }

    public Builder status(CallStatus status) {
      this.status = status;
      return this;
    }

    /** Sets the cause and the terminal status it implies. */
    public Builder ended(HangupCause cause, String rawCause) {
      this.cause = cause;
      this.status = cause == null ? null : cause.status();
      this.rawCause = rawCause;
      return this;
    }

    public Builder rawCause(String rawCause) {
      this.rawCause = rawCause;
      return this;
    }

    public Builder occurredAt(Instant occurredAt) {
      this.occurredAt = occurredAt;
      return this;
    }

    public Builder providerCallId(String providerCallId) {
      this.providerCallId = providerCallId;
      return this;
    }

    public Builder callId(String callId) {
      this.callId = callId;
      return this;
    }

    public Builder agentExtension(String agentExtension) {
      this.agentExtension = agentExtension;
      return this;
    }

    public Builder number(String number) {
      this.number = number;
      return this;
    }

    /**
     * Marks the event as starting an inbound call from {@code caller} to {@code dialled} (either
     * may be null when the provider does not give it).
     */
    public Builder inbound(String caller, String dialled) {
      this.direction = Direction.INBOUND;
      this.number = caller;
      this.dialled = dialled;
      return this;
    }

    /** States the direction of a call the event does not start (its later events). */
    public Builder direction(Direction direction) {
      this.direction = direction;
      return this;
    }

    public ProviderEvent build() {
      return new ProviderEvent(
          eventKey,
          type,
          status,
          cause,
          rawCause,
          occurredAt,
          providerCallId,
          callId,
          agentExtension,
          number,
          payload,
          direction,
          dialled);
    }
  }
}
