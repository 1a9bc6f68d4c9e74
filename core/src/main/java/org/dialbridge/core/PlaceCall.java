package org.dialbridge.core;

/**
 * What a call is placed to: {@code POST /calls}'s body as the core reads it.
 *
 * @param contactId the CRM contact the call is linked to, or null
 * @param number the number as typed (national or international), never null
 * @param provider the provider to dial through, or null (or blank) for the agent's own
 */
public record PlaceCall(String contactId, String number, String provider) {

  public PlaceCall {
    contactId = blankToNull(contactId);
    provider = blankToNull(provider);
  }

  /** A call to {@code number} for {@code contactId} through the agent's own provider. */
  public static PlaceCall to(String contactId, String number) {
    return new PlaceCall(contactId, number, null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
