package org.dialbridge.demo.emulator;

import java.util.Objects;

/**
 * How an emulated call ends, chosen by the last digits of the number dialled, so that a demo or a
 * test can provoke every outcome on purpose:
 *
 * <table>
 *   <caption>Outcome by the number's last four digits</caption>
 *   <tr><th>ends in</th><th>outcome</th><th>Bandwidth cause</th><th>BemMelhor disposition</th></tr>
 *   <tr>
 *     <td>{@code 0002}</td>
 *     <td>{@link #BUSY}</td>
 *     <td>{@code USER_BUSY}</td>
 *     <td>{@code BUSY}</td>
 *   </tr>
 *   <tr>
 *     <td>{@code 0003}</td>
 *     <td>{@link #NO_ANSWER}</td>
 *     <td>{@code timeout}, then {@code NO_ANSWER}</td>
 *     <td>{@code NO ANSWER}</td>
 *   </tr>
 *   <tr>
 *     <td>{@code 0004}</td>
 *     <td>{@link #FAILED}</td>
 *     <td>{@code UNALLOCATED_NUMBER}</td>
 *     <td>{@code FAILED}</td>
 *   </tr>
 *   <tr>
 *     <td>{@code 0005}</td>
 *     <td>{@link #REJECTED}</td>
 *     <td>{@code CALL_REJECTED}</td>
 *     <td>{@code BUSY}</td>
 *   </tr>
 *   <tr>
 *     <td>anything else</td>
 *     <td>{@link #ANSWERED}</td>
 *     <td>{@code NORMAL_CLEARING}</td>
 *     <td>{@code ANSWERED}</td>
 *   </tr>
 * </table>
 *
 * Only digits count: {@code +55 11 99999-0002} is busy. For a SIP URI only the user part counts
 * ({@code sip:6002@10.0.0.2} is answered, whatever digits the host has).
 */
public enum Outcome {
  /** The callee answers; the call ends after the talk time or when hang-up is requested. */
  ANSWERED(null),
  /** The callee is busy: the call ends without ringing. */
  BUSY("0002"),
  /** The callee's phone rings until the no-answer time, then the call ends. */
  NO_ANSWER("0003"),
  /** The number does not exist: the call fails without ringing. */
  FAILED("0004"),
  /** The callee's phone rings, then the callee declines. */
  REJECTED("0005");

  private final String suffix;

  Outcome(String suffix) {
    this.suffix = suffix;
  }

  /** The outcome a call to {@code number} (a phone number, an extension or a SIP URI) will have. */
  public static Outcome forNumber(String number) {
    Objects.requireNonNull(number, "number == null");
    String digits = Numbers.digits(Numbers.userPart(number));
    for (Outcome outcome : values()) {
      if (outcome.suffix != null && digits.endsWith(outcome.suffix)) return outcome;
    }
    return ANSWERED;
  }
}
