package org.dialbridge.demo;

import java.util.List;
import org.dialbridge.core.spi.ContactDirectory;
import org.dialbridge.core.spi.ContactMatch;

/**
 * The demo CRM's one piece of Dialbridge-specific code: tells Dialbridge which contacts a number
 * belongs to, so that events of calls the CRM did not place still land in a contact's history, and
 * an inbound caller is shown by name with a link to their page. Found by {@link
 * java.util.ServiceLoader} through {@code
 * META-INF/services/org.dialbridge.core.spi.ContactDirectory}.
 */
public final class DemoContactDirectory implements ContactDirectory {

  @Override
  public List<String> contactIds(String e164) {
    return DemoContacts.withNumber(e164).stream().map(Contact::id).toList();
  }

  /** Each contact with that number: its name, its page ({@code /contacts/4}), when it changed. */
  @Override
  public List<ContactMatch> matches(String e164) {
    return DemoContacts.withNumber(e164).stream()
        .map(c -> new ContactMatch(c.id(), c.name(), "/contacts/" + c.id(), c.updatedAt()))
        .toList();
  }
}
