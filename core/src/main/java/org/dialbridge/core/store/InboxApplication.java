package org.dialbridge.core.store;

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
}
