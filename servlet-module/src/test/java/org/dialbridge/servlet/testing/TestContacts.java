package org.dialbridge.servlet.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dialbridge.core.spi.ContactDirectory;
import org.dialbridge.core.spi.ContactMatch;

/**
 * The servlet tests' CRM contacts, found through the ServiceLoader as a host's would be: {@link
 * #ROSA} is one contact's number, {@link #OFFICE} a line two contacts share, a number a test
 * {@linkplain #put put} is its contacts'; any other number is nobody's.
 */
public final class TestContacts implements ContactDirectory {
  public static final String ROSA = "+51987000001";
  public static final String OFFICE = "+5114000002";

  private static final Map<String, List<ContactMatch>> PUT = new ConcurrentHashMap<>();

  /**
   * Makes {@code e164} the number of these contacts, best match first: for a test that needs
   * matches of its own (a name, a URL), on a number no other test uses.
   */
  public static void put(String e164, ContactMatch... matches) {
    PUT.put(e164, List.of(matches));
  }

  @Override
  public List<String> contactIds(String e164) {
    return matches(e164).stream().map(ContactMatch::id).toList();
  }

  @Override
  public List<ContactMatch> matches(String e164) {
    List<ContactMatch> put = PUT.get(e164);
    if (put != null) return put;
    return switch (e164) {
      case ROSA -> List.of(new ContactMatch("c-7", "Rosa Quispe", "/crm/contacts/c-7", null));
      case OFFICE ->
          List.of(
              new ContactMatch("c-8", "Acme front desk", "/crm/contacts/c-8", Instant.EPOCH),
              new ContactMatch("c-9", "Acme billing", null, Instant.EPOCH));
      default -> List.of();
    };
  }
}
