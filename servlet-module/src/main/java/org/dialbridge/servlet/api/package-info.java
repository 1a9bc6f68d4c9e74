/**
 * The REST API under {@code dialbridge.api-path}: the Jersey application, its resources ({@code
 * /calls}, {@code /contacts}, {@code /me}, {@code /health}), the JSON of a call and the mapping of
 * every error to problem+json (docs/rest-api.md), and the API's OpenAPI 3.1 document ({@code
 * openapi.json} beside these classes, served at {@code /openapi.json}; tests fail when it and the
 * resources disagree). Thin over the core's facade. A field absent from a request body arrives as
 * null and the resource says what that means (no {@code number}: refused; no {@code provider}: the
 * agent's own); in answers every documented field is present, null when it has no value (e.g.
 * {@code answeredAt} before an answer).
 */
package org.dialbridge.servlet.api;
