package org.dialbridge.servlet.testing;

import java.time.Instant;
import java.util.List;
import org.dialbridge.core.spi.ContactDirectory;
import org.dialbridge.core.spi.ContactMatch;

/**
 * The servlet tests' CRM contacts, found through the ServiceLoader as a host's would be: {@link
 * #ROSA} is one contact's number, {@link #OFFICE} a line two contacts share; any other number is
 * nobody's.
 */
public final class TestContacts implements ContactDirectory {
  public static final String ROSA = "+51987000001";
  public static final String OFFICE = "+5114000002";

  @Override
  public List<String> contactIds(String e164) {
    return matches(e164).stream().map(ContactMatch::id).toList();
  }

  @Override
  public List<ContactMatch> matches(String e164) {
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
