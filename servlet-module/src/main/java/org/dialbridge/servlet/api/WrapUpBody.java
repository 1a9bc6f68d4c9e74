package org.dialbridge.servlet.api;

/**
 * The body of {@code PUT /calls/{id}/wrap-up}: {@code {"disposition": "callback", "note": "…",
 * "callbackAt": "2026-12-02T15:00:00Z"}}; each may be null.
 */
public record WrapUpBody(String disposition, String note, String callbackAt) {}
