package org.dialbridge.core;

import org.dialbridge.core.config.SecuritySettings;
import org.dialbridge.core.config.SecuritySettings.HistoryScope;
import org.dialbridge.core.error.DialbridgeException;
import org.dialbridge.core.error.ErrorCode;
import org.dialbridge.core.model.Call;

/**
 * Who may do what with a call, checked here and nowhere else: an agent hangs up only their own
 * calls (an administrator any); with {@code dialbridge.security.history=own} an agent reads only
 * their own calls and history, with {@code all} everyone reads every call.
 */
final class AccessRules {
  private final HistoryScope scope;

  AccessRules(SecuritySettings security) {
    this.scope = security.history();
  }

  /**
   * @throws DialbridgeException {@code forbidden}
   */
  void checkMayHangUp(Actor actor, Call call) {
    if (!actor.owns(call.agent())) throw forbidden();
  }

  /**
   * @throws DialbridgeException {@code forbidden}
   */
  void checkMayRead(Actor actor, Call call) {
    if (!mayRead(actor, call)) throw forbidden();
  }

  boolean mayRead(Actor actor, Call call) {
    return scope != HistoryScope.OWN || actor.owns(call.agent());
  }

  /** The only agent whose calls {@code actor} may read in a history, or null for every agent's. */
  String historyAgent(Actor actor) {
    return scope == HistoryScope.OWN && !actor.admin() ? actor.user() : null;
  }

  private static DialbridgeException forbidden() {
    return new DialbridgeException(ErrorCode.FORBIDDEN, "This call belongs to another agent.");
  }
}
