/**
 * Dialbridge's exceptions: one unchecked base, {@link
 * org.dialbridge.core.error.DialbridgeException}, whose {@code code()} is the stable error code the
 * REST layer answers with. Stable API.
 */
package org.dialbridge.core.error;
