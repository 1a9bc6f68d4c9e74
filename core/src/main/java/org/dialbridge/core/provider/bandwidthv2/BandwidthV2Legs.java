package org.dialbridge.core.provider.bandwidthv2;

import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallStatus;
import org.dialbridge.core.model.EventType;
import org.dialbridge.core.model.HangupCause;
import org.dialbridge.core.spi.ProviderEvent;

/**
 * How a Bandwidth v2 leg's callback reads in a Dialbridge call of two legs. The first leg is the
 * call's {@code providerCallId}; the second is rung by the BXML {@code <Transfer>} Dialbridge
 * answers the first leg with, and its callbacks name the first as {@code parentCallId}:
 *
 * <ul>
 *   <li>outbound: the agent's leg is placed first; its {@code answer} is answered with a transfer
 *       to the customer;
 *   <li>inbound: the caller's leg arrives ({@code initiate}) and is answered with a transfer to the
 *       routed agents.
 * </ul>
 *
 * The transfer bridges the two: when either ends, Bandwidth ends the other.
 */
final class BandwidthV2Legs {
  private static final String GENERIC_KEY_PREFIX = "generic|";

  private BandwidthV2Legs() {}

  /**
   * The leg's callback in the light of the whole call; generic events are left as they are.
   *
   * <ul>
   *   <li>Outbound, the agent leg's {@code answer} means the customer is now being dialled
   *       (RINGING); the customer's {@code transferAnswer} is the call's answer.
   *   <li>Inbound, an agent's {@code transferAnswer} is the call's answer; an agent's leg ending
   *       ({@code transferDisconnect}) ends the call only when it is the answered one hanging up: a
   *       phone busy, not answered or let go when another agent picked up is OTHER, and the failed
   *       transfer as a whole ({@code transferComplete}) ends the call.
   *   <li>Either way a normal end or cancel of any leg ends the call: COMPLETED when it had been
   *       answered, else CANCELED. An ending after the call already ended (the bridge letting the
   *       other leg go) is kept as OTHER, not a second ending.
   * </ul>
   */
  static ProviderEvent interpret(ProviderEvent event, Call call) {
    if (isGeneric(event)) return event;
    String kind = kind(event);
    if (!call.inbound()
        && kind.equals(BandwidthV2Events.ANSWER)
        && event.type() == EventType.ANSWERED) {
      return event.retyped(EventType.RINGING, CallStatus.RINGING, null);
    }
    if (event.type() != EventType.HANGUP) return event;
    if (call.status().isTerminal()) return event.retyped(EventType.OTHER, null, null);
    if (call.inbound()
        && kind.equals(BandwidthV2Events.TRANSFER_DISCONNECT)
        && !(event.cause() == HangupCause.NORMAL_CLEARING
            && call.status() == CallStatus.ANSWERED)) {
      // one agent's phone of several: busy, not answered, or let go when another picked up
      return event.retyped(EventType.OTHER, null, null);
    }
    if (endsNormally(event)) {
      return call.status() == CallStatus.ANSWERED
          ? event.retyped(EventType.HANGUP, CallStatus.COMPLETED, HangupCause.NORMAL_CLEARING)
          : event.retyped(EventType.HANGUP, CallStatus.CANCELED, HangupCause.CANCELED);
    }
    return event;
  }

  /**
   * Whether {@code event} is a transferred leg answering: the leg to hang up with the call from now
   * on.
   */
  static boolean isTransferAnswer(ProviderEvent event) {
    return !isGeneric(event)
        && kind(event).equals(BandwidthV2Events.TRANSFER_ANSWER)
        && (event.type() == EventType.ANSWERED);
  }

  private static boolean endsNormally(ProviderEvent event) {
    return event.cause() == HangupCause.NORMAL_CLEARING || event.cause() == HangupCause.CANCELED;
  }

  /** The callback's {@code eventType}, the first part of its key. */
  static String kind(ProviderEvent event) {
    String key = event.eventKey();
    int bar = key.indexOf('|');
    return bar < 0 ? key : key.substring(0, bar);
  }

  /** Generic events say in Dialbridge's words what happened to the whole call: never re-read. */
  private static boolean isGeneric(ProviderEvent event) {
    return event.eventKey().startsWith(GENERIC_KEY_PREFIX);
  }
}
