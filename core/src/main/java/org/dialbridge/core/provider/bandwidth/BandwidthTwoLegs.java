package org.dialbridge.core.provider.bandwidth;

import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * How a Bandwidth leg's event reads in a Dialbridge call of two legs. The first leg is the call's
 * {@code providerCallId}; the second is created by transferring it, when {@link
 * BandwidthProvider#react} does:
 *
 * <ul>
 *   <li>outbound: the agent's leg is rung first and, once answered, transferred to the customer;
 *   <li>inbound: the caller's leg arrives ({@code incomingcall}) and is transferred to the agent.
 * </ul>
 *
 * Either way the two legs are bridged: when one ends, Bandwidth lets the other go.
 */
final class BandwidthTwoLegs {
  private static final String GENERIC_KEY_PREFIX = "generic|";

  private BandwidthTwoLegs() {}

  /**
   * The leg's event in the light of the whole call. Generic events (which already speak of the
   * whole call) are left as they are.
   *
   * <p>Outbound: the agent leg's answer means the customer is now being dialled (RINGING); its
   * normal end or cancel ends the call ({@link #endOfTheCall}). The customer leg's events and the
   * agent leg's other endings (busy, timeout, rejected) are left as they are.
   *
   * <p>Inbound: the caller leg's answer (Bandwidth picking up for the application) is no agent's
   * answer and is kept as {@code OTHER}; its normal end or cancel ends the call: CANCELED before an
   * agent answered (the caller gave up). The agent leg's answer is the call's answer and its
   * endings stand as they are (a timeout is a missed call), but for a normal end or cancel, which
   * ends the call as the caller's would.
   */
  static ProviderEvent interpret(ProviderEvent event, Call call) {
    if (isGeneric(event)) return event;
    boolean firstLeg = isFirstLeg(event, call);
    if (!call.inbound()) {
      if (!firstLeg) return event;
      if (event.type() == EventType.ANSWERED) {
        return event.retyped(EventType.RINGING, CallStatus.RINGING, null);
      }
      return endsNormally(event) ? endOfTheCall(event, call) : event;
    }
    if (firstLeg && event.type() == EventType.ANSWERED) {
      return event.retyped(EventType.OTHER, null, null);
    }
    return endsNormally(event) ? endOfTheCall(event, call) : event;
  }

  /**
   * A leg's normal end (or cancel) as the end of the call: it completes the call when it had been
   * answered, else cancels it, unless the call has already ended (the other leg ended it and the
   * bridge let this one go): then it is stored as {@code OTHER}.
   */
  private static ProviderEvent endOfTheCall(ProviderEvent event, Call call) {
    if (call.status().isTerminal()) {
      // the other leg ended the call (busy, rejected, failed…) and the bridge let this one go:
      // kept for the record, but not a second ending that could tie with the first
      return event.retyped(EventType.OTHER, null, null);
    }
    return call.status() == CallStatus.ANSWERED
        ? event.retyped(EventType.HANGUP, CallStatus.COMPLETED, HangupCause.NORMAL_CLEARING)
        : event.retyped(EventType.HANGUP, CallStatus.CANCELED, HangupCause.CANCELED);
  }

  private static boolean endsNormally(ProviderEvent event) {
    return event.type() == EventType.HANGUP
        && (event.cause() == HangupCause.NORMAL_CLEARING || event.cause() == HangupCause.CANCELED);
  }

  /**
   * Whether the event is the first leg's: the agent's of an outbound call, the caller's inbound.
   */
  private static boolean isFirstLeg(ProviderEvent event, Call call) {
    if (call.providerCallId() != null) return call.providerCallId().equals(event.providerCallId());
    // the answer can overtake placeCall's own answer: then only the tag tells the agent's leg
    return !call.inbound() && call.id().equals(event.callId());
  }

  /**
   * Whether {@code event} is the agent leg's answer of an outbound call, as parsed or as {@link
   * #interpret} re-read it: the moment to transfer that leg to the customer.
   */
  static boolean isAgentAnswer(ProviderEvent event, Call call) {
    if (call.inbound() || isGeneric(event) || event.providerCallId() == null) return false;
    // the event as parsed (ANSWERED), or as interpret() re-read it (RINGING, key "answer|…")
    boolean answer =
        event.type() == EventType.ANSWERED
            || (event.type() == EventType.RINGING
                && event.eventKey().regionMatches(true, 0, "answer|", 0, 7));
    return answer && isFirstLeg(event, call);
  }

  /**
   * Whether {@code event} is an inbound call's {@code incomingcall}, the moment to transfer the
   * caller's leg to the agent.
   */
  static boolean isIncomingCall(ProviderEvent event, Call call) {
    return call.inbound()
        && !isGeneric(event)
        && event.startsInbound()
        && event.providerCallId() != null
        && (call.providerCallId() == null || call.providerCallId().equals(event.providerCallId()));
  }

  /** Generic events say in Dialbridge's words what happened to the whole call: never re-read. */
  private static boolean isGeneric(ProviderEvent event) {
    return event.eventKey().startsWith(GENERIC_KEY_PREFIX);
  }
}
