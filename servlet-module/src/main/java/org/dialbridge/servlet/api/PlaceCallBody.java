package org.dialbridge.servlet.api;

/**
 * The body of {@code POST /calls}: {@code {"contactId":"42","number":"+51 1 555
 * 1234","provider":"c3"}}, and {@code "followsUp"}: the id of the call whose callback this is.
 */
public record PlaceCallBody(String contactId, String number, String provider, String followsUp) {}
