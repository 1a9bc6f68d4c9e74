package org.dialbridge.core.store;

import java.util.List;
import org.dialbridge.core.spi.ProviderEvent;

/** What applying an inbox event needs from outside the store: the provider, and the CRM. */
public interface InboxApplication {
  /** How {@code provider} re-reads its event once the call is known. */
  EventInterpreter interpreter(String provider);

  /**
   * The CRM contact to create a call for when the event belongs to no known call, or null to store
   * it unlinked. Asked only then, inside the event's transaction.
   */
  String contactForNewCall(String provider, ProviderEvent event);

  /**
   * Whose phones ring and who may be calling, for an event that starts an inbound call no known
   * call has: asked once per call, inside the event's transaction. By default it rings nobody and
   * matches no contact: the call is stored unrouted.
   */
  default InboundRouting route(String provider, ProviderEvent event) {
    return new InboundRouting(
        event.number(), event.dialled(), List.of(), null, List.of(), null, false);
  }

  /**
   * The CRM user whose extension (or provider login) {@code extension} is, for an event that names
   * who answered an inbound call; null when none is.
   */
  default String agentFor(String provider, String extension) {
    return null;
  }
}
