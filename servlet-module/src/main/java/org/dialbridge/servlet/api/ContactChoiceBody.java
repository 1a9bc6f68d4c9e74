package org.dialbridge.servlet.api;

/** The body of {@code PUT /calls/{id}/contact}: {@code {"contactId": "c-17"}}. */
public record ContactChoiceBody(String contactId) {}
