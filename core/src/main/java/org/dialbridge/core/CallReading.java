package org.dialbridge.core;

import java.util.List;
import java.util.Optional;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.error.StoreUnavailableException;
import org.dialbridge.core.model.Call;
import org.dialbridge.core.model.CallEvent;
import org.dialbridge.core.store.CallStore;
import org.dialbridge.core.store.HistoryPage;
import org.dialbridge.core.store.InboundDetails;

/**
 * Reads calls, their events and a contact's history as an actor may see them, and whether the store
 * answers.
 */
final class CallReading {
  /** The most calls one history page holds; {@code limit} is 1 to this. */
  static final int MAX_HISTORY_PAGE = 100;

  private final CallStore store;
  private final AccessRules access;

  CallReading(CallStore store, AccessRules access) {
    this.store = store;
    this.access = access;
  }

  /**
   * @throws DialbridgeException {@code call_not_found}
   */
  Call call(String callId) {
    return store
        .call(callId)
        .orElseThrow(
            () -> new DialbridgeException(ErrorCode.CALL_NOT_FOUND, "No call " + callId + "."));
  }

  /**
   * @throws DialbridgeException {@code call_not_found}, {@code forbidden}
   */
  Call call(Actor actor, String callId) {
    Call call = call(callId);
    if (!access.mayRead(actor, call) && !rangFor(actor, call)) access.checkMayRead(actor, call);
    return call;
  }

  /** An inbound call is also the call of every agent it rang for (several ring at once). */
  private boolean rangFor(Actor actor, Call call) {
    if (!call.inbound()) return false;
    InboundDetails details = store.inbound().details(List.of(call.id())).get(call.id());
    return details != null && details.rangFor(actor.user());
  }

  /**
   * @throws DialbridgeException {@code call_not_found}
   */
  List<CallEvent> events(String callId) {
    call(callId);
    return store.events(callId);
  }

  Optional<Call> liveCall(Actor actor) {
    return store.liveCallOf(actor.user());
  }

  /**
   * @throws DialbridgeException {@code invalid_request} for a limit outside 1..100 or a bad cursor
   */
  HistoryPage history(Actor actor, String contactId, String before, int limit) {
    if (limit < 1 || limit > MAX_HISTORY_PAGE) {
      throw new DialbridgeException(
          ErrorCode.INVALID_REQUEST, "limit must be a number from 1 to " + MAX_HISTORY_PAGE + ".");
    }
    String cursor = before == null || before.isBlank() ? null : before;
    try {
      return store.history(contactId, access.historyAgent(actor), cursor, limit);
    } catch (IllegalArgumentException e) {
      throw new DialbridgeException(ErrorCode.INVALID_REQUEST, e.getMessage());
    }
  }

  /** True when the store answers a ping now. */
  boolean storeUp() {
    try {
      store.ping();
      return true;
    } catch (StoreUnavailableException e) {
      return false;
    }
  }
}
