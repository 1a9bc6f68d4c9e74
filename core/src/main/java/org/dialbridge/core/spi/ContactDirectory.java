package org.dialbridge.core.spi;

import java.util.List;

/**
 * Host CRM extension point: the contacts a phone number belongs to, for the caller of an inbound
 * call and for events of calls the CRM did not place. Called on Dialbridge's applier thread, once
 * per such call; keep it quick (an indexed look-up).
 */
@FunctionalInterface
public interface ContactDirectory {

  /** No contact directory: events of unknown calls are stored unlinked. */
  ContactDirectory NONE = e164 -> List.of();

  /**
   * The CRM contact ids whose number is {@code e164}, best match first; empty when none. When
   * several match an event of a call the CRM did not place, Dialbridge links it to the first.
   */
  List<String> contactIds(String e164);

  /**
   * The contacts whose number is {@code e164}, best match first, with what the agent sees of each
   * when that number calls: a name, the contact's page, when it last changed. The default knows
   * only the ids of {@link #contactIds}.
   */
  default List<ContactMatch> matches(String e164) {
    return contactIds(e164).stream().map(ContactMatch::of).toList();
  }
}
