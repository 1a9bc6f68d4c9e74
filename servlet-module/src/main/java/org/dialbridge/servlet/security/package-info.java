/**
 * The REST API's guard: the signed-in principal, the {@code X-Dialbridge-Request} and {@code
 * Origin} checks, body caps, CORS and the {@code 401} challenge. A missing principal, header or
 * {@code Origin} (null from the Servlet API) is a refusal or a skipped check, never an error.
 */
package org.dialbridge.servlet.security;
