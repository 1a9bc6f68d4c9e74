package org.dialbridge.demo;

import java.util.List;
import org.dialbridge.core.spi.ContactDirectory;

/**
 * The demo CRM's one piece of Dialbridge-specific code: tells Dialbridge which contacts a number
 * belongs to, so that events of calls the CRM did not place still land in a contact's history.
 * Found by {@link java.util.ServiceLoader} through {@code
 * META-INF/services/org.dialbridge.core.spi.ContactDirectory}.
 */
public final class DemoContactDirectory implements ContactDirectory {

  @Override
  public List<String> contactIds(String e164) {
    return DemoContacts.withNumber(e164).stream().map(Contact::id).toList();
  }
}
