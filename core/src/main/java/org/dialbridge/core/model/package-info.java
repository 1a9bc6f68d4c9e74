/**
 * The call model (its JSON form: docs/rest-api.md): {@link org.dialbridge.core.model.Call}, {@link
 * org.dialbridge.core.model.CallStatus} with its forward-only rule, {@link
 * org.dialbridge.core.model.CallEvent} and {@link org.dialbridge.core.model.HangupCause}. Immutable
 * values validated at construction. Stable API.
 */
package org.dialbridge.core.model;
