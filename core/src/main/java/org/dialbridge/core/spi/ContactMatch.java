package org.dialbridge.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A CRM contact whose number is a caller's, as the agent sees it when the call rings.
 *
 * @param id the CRM's contact id
 * @param name the name to show, or null to show the number only
 * @param url the contact's page in the CRM (absolute, or relative to the CRM's origin), or null for
 *     {@code dialbridge.inbound.contact-url}'s
 * @param updatedAt when the contact was last changed, or null: {@code
 *     dialbridge.inbound.several-matches=most-recent} picks the latest
 */
public record ContactMatch(String id, String name, String url, Instant updatedAt) {
  public ContactMatch {
    Objects.requireNonNull(id, "id == null");
    if (id.isBlank()) throw new IllegalArgumentException("id is blank");
  }

  /** A match known by its id only. */
  public static ContactMatch of(String id) {
    return new ContactMatch(id, null, null, null);
  }
}
