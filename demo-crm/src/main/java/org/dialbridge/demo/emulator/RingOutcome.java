package org.dialbridge.demo.emulator;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How an inbound call the emulator rings an agent with ends: chosen by the person ringing, or by
 * the caller's number's last four digits as for the calls Dialbridge places ({@link Outcome}):
 * {@code 0002} busy, {@code 0003} the agent does not answer, {@code 0004} the caller hangs up while
 * it rings, {@code 0005} the agent declines; anything else the agent answers.
 */
public enum RingOutcome {
  /** The agent answers after about 2 s; the call ends after the talk time. */
  ANSWERED(Outcome.ANSWERED),
  /** The agent's phone rings until the no-answer time: a missed call. */
  NO_ANSWER(Outcome.NO_ANSWER),
  /** The agent's line is busy: a missed call. */
  BUSY(Outcome.BUSY),
  /** The agent declines the call: a missed call. */
  REJECTED(Outcome.REJECTED),
  /** The caller gives up while the agent's phone rings: a missed call. */
  CALLER_HANGS_UP(Outcome.NO_ANSWER);

  private final Outcome agentLeg;

  RingOutcome(Outcome agentLeg) {
    this.agentLeg = agentLeg;
  }

  /** What the agent's phone does (the caller hanging up is scheduled apart). */
  Outcome agentLeg() {
    return agentLeg;
  }

  /** The outcome a call from {@code caller} has when nobody chose one. */
  public static RingOutcome forCaller(String caller) {
    Objects.requireNonNull(caller, "caller == null");
    return switch (Outcome.forNumber(caller)) {
      case ANSWERED -> ANSWERED;
      case BUSY -> BUSY;
      case NO_ANSWER -> NO_ANSWER;
      case FAILED -> CALLER_HANGS_UP;
      case REJECTED -> REJECTED;
    };
  }

  /** The outcome named {@code name}, as {@link #wireName()} writes it ({@code no-answer}). */
  public static Optional<RingOutcome> named(String name) {
    if (name == null) return Optional.empty();
    String normalized = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (RingOutcome outcome : values()) {
      if (outcome.name().equals(normalized)) return Optional.of(outcome);
    }
    return Optional.empty();
  }

  /** The outcome's name in requests and answers: {@code answered}, {@code caller-hangs-up}… */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
