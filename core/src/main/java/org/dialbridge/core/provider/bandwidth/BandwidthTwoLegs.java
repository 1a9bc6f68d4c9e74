package org.dialbridge.core.provider.bandwidth;

import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * How a Bandwidth leg's event reads in a Dialbridge call of two legs: the agent's, rung first, and
 * the customer's, created by the transfer when the agent answers.
 */
final class BandwidthTwoLegs {
  private static final String GENERIC_KEY_PREFIX = "generic|";

  private BandwidthTwoLegs() {}

  /**
   * The agent leg's events in the light of the two-leg call: its answer means the customer is now
   * being dialled (RINGING); its normal end or cancel completes the call when the customer had
   * answered, else cancels it, unless the call has already ended (the customer's leg ended it and
   * the agent's leg was let go): then it is stored as {@code OTHER}. The customer leg's events,
   * other agent-leg endings (busy, timeout, rejected) and generic events (which already speak of
   * the whole call) are left as they are.
   */
  static ProviderEvent interpret(ProviderEvent event, Call call) {
    if (isGeneric(event) || !isAgentLeg(event, call)) return event;
    if (event.type() == EventType.ANSWERED) {
      return event.retyped(EventType.RINGING, CallStatus.RINGING, null);
    }
    if (event.type() == EventType.HANGUP
        && (event.cause() == HangupCause.NORMAL_CLEARING
            || event.cause() == HangupCause.CANCELED)) {
      if (call.status().isTerminal()) {
        // the customer's leg ended the call (busy, rejected, failed…) and the bridge let the agent
        // go: kept for the record, but not a second ending that could tie with the first
        return event.retyped(EventType.OTHER, null, null);
      }
      return call.status() == CallStatus.ANSWERED
          ? event.retyped(EventType.HANGUP, CallStatus.COMPLETED, HangupCause.NORMAL_CLEARING)
          : event.retyped(EventType.HANGUP, CallStatus.CANCELED, HangupCause.CANCELED);
    }
    return event;
  }

  private static boolean isAgentLeg(ProviderEvent event, Call call) {
    if (call.providerCallId() != null) return call.providerCallId().equals(event.providerCallId());
    // the answer can overtake placeCall's own answer: then only the tag tells the agent's leg
    return call.id().equals(event.callId());
  }

  /**
   * Whether {@code event} is the agent leg's answer, as parsed or as {@link #interpret} re-read it.
   */
  static boolean isAgentAnswer(ProviderEvent event, Call call) {
    if (isGeneric(event) || event.providerCallId() == null) return false;
    // the event as parsed (ANSWERED), or as interpret() re-read it (RINGING, key "answer|…")
    boolean answer =
        event.type() == EventType.ANSWERED
            || (event.type() == EventType.RINGING
                && event.eventKey().regionMatches(true, 0, "answer|", 0, 7));
    return answer && isAgentLeg(event, call);
  }

  /** Generic events say in Dialbridge's words what happened to the whole call: never re-read. */
  private static boolean isGeneric(ProviderEvent event) {
    return event.eventKey().startsWith(GENERIC_KEY_PREFIX);
  }
}
