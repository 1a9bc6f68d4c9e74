/**
 * Phone numbers: {@link org.dialbridge.core.phone.PhoneNumbers} reads what agents type into {@link
 * org.dialbridge.core.phone.Destination}s (E.164 or an extension). Stable API.
 */
package org.dialbridge.core.phone;
