package org.dialbridge.demo.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

/**
 * The call-state machine every provider family drives: created → dialing → ringing → answered →
 * ended, with the {@link Outcome} of the dialled number deciding where it stops. Each phase is
 * scheduled from the previous one; {@link #hangUp()} ends it at any point.
 *
 * <p>The listener is called under this call's lock, in phase order, so that the webhooks it queues
 * are queued in order. It must not touch another call synchronously (use {@link
 * EmulatorContext#execute}); that is how linked Bandwidth legs end each other without deadlock.
 */
final class EmulatedCall {

  enum State {
    CREATED,
    DIALING,
    RINGING,
    ANSWERED,
    ENDED
  }

  /** Why a call ended, with the Q.850 cause name Bandwidth and the generic events use. */
  enum End {
    /** Answered, then hung up by either side. */
    COMPLETED("NORMAL_CLEARING"),
    /** Hung up by the caller before it was answered. */
    CANCELED("ORIGINATOR_CANCEL"),
    BUSY("USER_BUSY"),
    NO_ANSWER("NO_ANSWER"),
    FAILED("UNALLOCATED_NUMBER"),
    REJECTED("CALL_REJECTED");

    private final String cause;

    End(String cause) {
      this.cause = cause;
    }

    String cause() {
      return cause;
    }
  }

  /** Told of each phase as it is entered. */
  interface Listener {
    default void dialing(EmulatedCall call) {}

    default void ringing(EmulatedCall call) {}

    default void answered(EmulatedCall call) {}

    void ended(EmulatedCall call, End end);
  }

  private final String id;
  private final String number;
  private final Outcome outcome;
  private final Duration answerAfter;
  private final Duration noAnswerAfter;
  private final EmulatorContext context;
  private final Listener listener;
  private final Instant created;

  private State state = State.CREATED;
  private ScheduledFuture<?> next;
  private boolean heldOpen;
  private Instant answeredAt;
  private Instant endedAt;
  private End end;

  /**
   * @param number the dialled number; its last digits decide the {@link Outcome}
   * @param answerAfter ringing → answered (and ringing → rejected)
   * @param noAnswerAfter ringing → given up as unanswered
   */
  EmulatedCall(
      String id,
      String number,
      Duration answerAfter,
      Duration noAnswerAfter,
      EmulatorContext context,
      Listener listener) {
    this(id, number, Outcome.forNumber(number), answerAfter, noAnswerAfter, context, listener);
  }

  /**
   * A call whose outcome is given rather than read from the number (an inbound call rings an
   * agent's extension: the caller's number, or the person ringing, decides).
   */
  EmulatedCall(
      String id,
      String number,
      Outcome outcome,
      Duration answerAfter,
      Duration noAnswerAfter,
      EmulatorContext context,
      Listener listener) {
    this.id = Objects.requireNonNull(id, "id == null");
    this.number = Objects.requireNonNull(number, "number == null");
    this.outcome = Objects.requireNonNull(outcome, "outcome == null");
    this.answerAfter = Objects.requireNonNull(answerAfter, "answerAfter == null");
    this.noAnswerAfter = Objects.requireNonNull(noAnswerAfter, "noAnswerAfter == null");
    this.context = Objects.requireNonNull(context, "context == null");
    this.listener = Objects.requireNonNull(listener, "listener == null");
    this.created = context.now();
  }

  /** A call with the timing's usual answer and no-answer delays. */
  EmulatedCall(String id, String number, EmulatorContext context, Listener listener) {
    this(
        id,
        number,
        context.timing().answeredAfter(),
        context.timing().noAnswerAfter(),
        context,
        listener);
  }

  String id() {
    return id;
  }

  String number() {
    return number;
  }

  Outcome outcome() {
    return outcome;
  }

  Instant created() {
    return created;
  }

  synchronized State state() {
    return state;
  }

  synchronized boolean isLive() {
    return state != State.ENDED;
  }

  synchronized Instant answeredAt() {
    return answeredAt;
  }

  synchronized Instant endedAt() {
    return endedAt;
  }

  synchronized End end() {
    return end;
  }

  /** Starts the call: the dialing phase comes after the timing's dialing delay. */
  synchronized void start() {
    if (state == State.CREATED && next == null) {
      next = context.schedule(context.delayMillis(context.timing().dialingAfter()), this::dial);
    }
  }

  /**
   * Hangs up at the caller's request: an answered call ends {@link End#COMPLETED}, an earlier one
   * {@link End#CANCELED}. @return false when the call had already ended
   */
  synchronized boolean hangUp() {
    return endWith(state == State.ANSWERED ? End.COMPLETED : End.CANCELED);
  }

  /** Ends the call with {@code end} unless it has ended already. @return false when it had */
  synchronized boolean endWith(End end) {
    if (state == State.ENDED) return false;
    cancelNext();
    state = State.ENDED;
    endedAt = context.now();
    this.end = end;
    listener.ended(this, end);
    return true;
  }

  /**
   * Keeps an answered call up until {@link #hangUp()} or {@link #endWith}: its talk time no longer
   * ends it (a Bandwidth agent leg once it is transferred: the customer's leg decides).
   *
   * @return false, changing nothing, unless the call is answered and live
   */
  synchronized boolean holdOpen() {
    if (state != State.ANSWERED) return false;
    heldOpen = true;
    cancelNext();
    return true;
  }

  /**
   * Answers the call at once, without telling the listener, and keeps it up until {@link #hangUp()}
   * (a Bandwidth inbound caller's leg, which the application picked up before any agent did).
   *
   * @return false, changing nothing, when the call had already started
   */
  synchronized boolean answerAtOnce() {
    if (state != State.CREATED || next != null) return false;
    state = State.ANSWERED;
    answeredAt = context.now();
    heldOpen = true;
    return true;
  }

  private synchronized void dial() {
    if (state != State.CREATED) return;
    state = State.DIALING;
    listener.dialing(this);
    Duration ringing = context.timing().ringingAfter();
    switch (outcome) {
      case BUSY -> after(ringing, () -> endWith(End.BUSY));
      case FAILED -> after(ringing, () -> endWith(End.FAILED));
      default -> after(ringing, this::ring);
    }
  }

  private synchronized void ring() {
    if (state != State.DIALING) return;
    state = State.RINGING;
    listener.ringing(this);
    switch (outcome) {
      case NO_ANSWER -> after(noAnswerAfter, () -> endWith(End.NO_ANSWER));
      case REJECTED -> after(answerAfter, () -> endWith(End.REJECTED));
      default -> after(answerAfter, this::answer);
    }
  }

  private synchronized void answer() {
    if (state != State.RINGING) return;
    state = State.ANSWERED;
    answeredAt = context.now();
    listener.answered(this);
    if (!heldOpen) next = context.schedule(context.talkMillis(), this::talkOver);
  }

  private synchronized void talkOver() {
    // the hold may have come after this task was already waiting for the lock
    if (!heldOpen) endWith(End.COMPLETED);
  }

  private void after(Duration delay, Runnable step) {
    // every step checks the state first: a hang-up may have come while it waited for the lock
    next = context.schedule(context.delayMillis(delay), step);
  }

  private void cancelNext() {
    if (next != null) {
      next.cancel(false);
      next = null;
    }
  }

  /** True when the call ended before {@code cutoff}, so that its records may be forgotten. */
  synchronized boolean endedBefore(Instant cutoff) {
    return endedAt != null && endedAt.isBefore(cutoff);
  }
}
