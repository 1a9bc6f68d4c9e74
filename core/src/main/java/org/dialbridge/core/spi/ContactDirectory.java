package org.dialbridge.core.spi;

import java.util.List;

/**
 * Host CRM extension point: the contacts a phone number belongs to, for events of calls the CRM did
 * not place. Called outside any Dialbridge transaction.
 */
@FunctionalInterface
public interface ContactDirectory {

  /** No contact directory: events of unknown calls are stored unlinked. */
  ContactDirectory NONE = e164 -> List.of();

  /**
   * The CRM contact ids whose number is {@code e164}, best match first; empty when none. When
   * several match, Dialbridge links the call to the first.
   */
  List<String> contactIds(String e164);
}
