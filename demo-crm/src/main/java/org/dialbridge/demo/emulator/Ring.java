package org.dialbridge.demo.emulator;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An inbound call for the emulator to ring an agent with, as a customer calling the CRM's number.
 *
 * @param from the caller's number in E.164 ({@code +51987654321})
 * @param to the number the caller dialled, in E.164: the number Dialbridge routes to agents
 * @param agent the extension of the agent whose phone rings, when the PBX says so (the generic
 *     format's {@code agent}); Bandwidth names none and leaves it to Dialbridge; null for none
 * @param outcome how the call ends
 */
public record Ring(String from, String to, String agent, RingOutcome outcome) {
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
  private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9._@:+-]{1,64}");

  public Ring {
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    Objects.requireNonNull(outcome, "outcome == null");
    if (!E164.matcher(from).matches())
      throw new IllegalArgumentException("from must be a phone number in E.164 (+51987654321)");
    if (!E164.matcher(to).matches())
      throw new IllegalArgumentException("to must be a phone number in E.164 (+19195551212)");
    if (agent != null && !EXTENSION.matcher(agent).matches())
      throw new IllegalArgumentException("agent must be an extension such as 6001");
  }

  /**
   * A ring from {@code from} to {@code to}, numbers as people write them ({@code +51 987 654 321}),
   * ending as the caller's number says unless {@code outcome} is given.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Ring of(String from, String to, String agent, RingOutcome outcome) {
    String caller = e164(from, "from");
    return new Ring(
        caller,
        e164(to, "to"),
        agent == null || agent.isBlank() ? null : agent.strip(),
        outcome != null ? outcome : RingOutcome.forCaller(caller));
  }

  private static String e164(String number, String name) {
    if (number == null || number.isBlank())
      throw new IllegalArgumentException(name + " is required: a phone number in E.164");
    String s = number.strip();
    if (!s.startsWith("+") || !s.substring(1).matches("[0-9 ().-]+"))
      throw new IllegalArgumentException(
          name + " must be a phone number in international form (+51 987 654 321)");
    return "+" + Numbers.digits(s);
  }
}
