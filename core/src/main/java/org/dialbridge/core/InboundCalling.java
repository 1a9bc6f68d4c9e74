package org.dialbridge.core;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.store.CallStore;
import org.dialbridge.core.store.InboundCall;
import org.dialbridge.core.store.InboundDetails;

/**
 * What agents do with inbound calls (docs/inbound.md): choose who of several contacts is calling,
 * list their missed calls and mark one done; administrators list the calls nobody was mapped to.
 * Only an agent a call rang for (or an administrator) acts on it.
 */
final class InboundCalling {
  static final int MAX_LISTED = 100;
  static final Duration UNROUTED_FOR = Duration.ofDays(7);

  private final CallStore store;
  private final CallReading reading;
  private final CallWatcher watcher;

  InboundCalling(CallStore store, CallReading reading, CallWatcher watcher) {
    this.store = store;
    this.reading = reading;
    this.watcher = watcher;
  }

  Map<String, InboundDetails> details(Collection<Call> calls) {
    List<String> ids = calls.stream().filter(Call::inbound).map(Call::id).toList();
    return store.inbound().details(ids);
  }

  /**
   * Links the call to the match the agent chose.
   *
   * @throws DialbridgeException {@code call_not_found}, {@code forbidden}, {@code
   *     contact_not_a_match}, {@code contact_already_linked}
   */
  Call chooseContact(Actor actor, String callId, String contactId) {
    InboundCall in = actedOn(actor, callId);
    if (in.call().contactId() != null) throw alreadyLinked(in.call().contactId());
    if (contactId == null || !in.details().matches(contactId)) {
      throw new DialbridgeException(
          ErrorCode.CONTACT_NOT_A_MATCH,
          "Contact "
              + contactId
              + " is not one of the contacts whose number is the caller's; choose one of"
              + " the call's matches.");
    }
    Call linked =
        store.inbound().linkContact(callId, contactId).orElseThrow(() -> alreadyLinked(null));
    watcher.changed(linked);
    return linked;
  }

  List<InboundCall> missed(Actor actor) {
    return store.inbound().missed(actor.user(), MAX_LISTED);
  }

  /**
   * Marks a missed call done, for every agent it rang for.
   *
   * @throws DialbridgeException {@code call_not_found}, {@code forbidden}, {@code call_not_missed}
   */
  void markDone(Actor actor, String callId) {
    InboundCall in = actedOn(actor, callId);
    if (!in.call().missed()) {
      throw new DialbridgeException(
          ErrorCode.CALL_NOT_MISSED,
          in.call().status().isTerminal()
              ? "This call was answered: it is not a missed call."
              : "This call has not ended yet: it is not a missed call (yet).");
    }
    store.inbound().markDone(callId, actor.user());
  }

  /**
   * @throws DialbridgeException {@code forbidden} for anyone but an administrator
   */
  List<InboundCall> unrouted(Actor actor) {
    if (!actor.admin()) {
      throw new DialbridgeException(
          ErrorCode.FORBIDDEN, "Only an administrator sees the calls nobody was mapped to.");
    }
    return store.inbound().unrouted(UNROUTED_FOR, MAX_LISTED);
  }

  private InboundCall actedOn(Actor actor, String callId) {
    Call call = reading.call(callId);
    InboundCall in = call.inbound() ? store.inbound().find(callId).orElse(null) : null;
    if (in == null) {
      throw new DialbridgeException(ErrorCode.CALL_NOT_FOUND, "No inbound call " + callId + ".");
    }
    if (!actor.admin() && !actor.owns(call.agent()) && !in.details().rangFor(actor.user())) {
      throw new DialbridgeException(ErrorCode.FORBIDDEN, "This call did not ring for you.");
    }
    return in;
  }

  private static DialbridgeException alreadyLinked(String contactId) {
    return new DialbridgeException(
        ErrorCode.CONTACT_ALREADY_LINKED,
        contactId == null
            ? "This call was linked to a contact meanwhile."
            : "This call is linked to contact " + contactId + " already.");
  }
}
