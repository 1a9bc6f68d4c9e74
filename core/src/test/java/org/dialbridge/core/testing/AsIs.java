package org.dialbridge.core.testing;

import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.store.EventInterpreter;
import org.dialbridge.core.store.InboxApplication;

/** The inbox's application for tests: events read as they are, a CRM that knows nobody. */
public final class AsIs {
  public static final InboxApplication APPLICATION =
      new InboxApplication() {
        @Override
        public EventInterpreter interpreter(String provider) {
          return EventInterpreter.AS_IS;
        }

        @Override
        public String contactForNewCall(String provider, ProviderEvent event) {
          return null;
        }
      };

  private AsIs() {}
}
