package org.dialbridge.core.testing;

import java.util.function.BiFunction;
import org.dialbridge.core.spi.ProviderEvent;
import org.dialbridge.core.store.EventInterpreter;
import org.dialbridge.core.store.InboxApplication;

/** The inbox's application for tests: events read as they are. */
public final class AsIs {
  /** Events read as they are, a CRM that knows nobody. */
  public static final InboxApplication APPLICATION = withContacts((provider, event) -> null);

  private AsIs() {}

  /** Events read as they are, a CRM whose contact for a new call is {@code contacts}' (or none). */
  public static InboxApplication withContacts(BiFunction<String, ProviderEvent, String> contacts) {
    return new InboxApplication() {
      @Override
      public EventInterpreter interpreter(String provider) {
        return EventInterpreter.AS_IS;
      }

      @Override
      public String contactForNewCall(String provider, ProviderEvent event) {
        return contacts.apply(provider, event);
      }
    };
  }
}
