package org.dialbridge.core;

import org.dialbridge.core.model.Call;
import org.dialbridge.core.store.InboundCall;

/**
 * An agent's stream of inbound calls ({@link Dialbridge#watchInbound}): each call that rings for
 * them, then its changes. Called on Dialbridge's threads; must not block.
 */
public interface InboundListener {
  /** A call rings for the agent, or is still open when the stream starts (a replay). */
  void incoming(InboundCall call);

  /** A call told of by {@link #incoming} changed: answered, ended, its contact chosen. */
  void changed(Call call);
}
