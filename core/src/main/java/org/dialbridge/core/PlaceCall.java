package org.dialbridge.core;

/**
 * What a call is placed to: {@code POST /calls}'s body as the core reads it.
 *
 * @param contactId the CRM contact the call is linked to, or null
 * @param number the number as typed (national or international), never null
 * @param provider the provider to dial through, or null (or blank) for the agent's own
 * @param followsUp the id of the call whose callback this call is, or null
 */
public record PlaceCall(String contactId, String number, String provider, String followsUp) {

  public PlaceCall {
    contactId = blankToNull(contactId);
    provider = blankToNull(provider);
    followsUp = blankToNull(followsUp);
  }

  /** A call that follows up no callback. */
  public PlaceCall(String contactId, String number, String provider) {
    this(contactId, number, provider, null);
  }

  /** A call to {@code number} for {@code contactId} through the agent's own provider. */
  public static PlaceCall to(String contactId, String number) {
    return new PlaceCall(contactId, number, null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
