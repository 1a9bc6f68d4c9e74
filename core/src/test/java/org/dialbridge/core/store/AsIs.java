package org.dialbridge.core.store;

import org.dialbridge.core.spi.ProviderEvent;

/** The inbox's application for store tests: events read as they are, a CRM that knows nobody. */
final class AsIs {
  static final InboxApplication APPLICATION =
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
