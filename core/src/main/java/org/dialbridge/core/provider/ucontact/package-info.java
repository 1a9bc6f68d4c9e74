/**
 * The uContact (Integra API) adapter: {@code type=ucontact}. Internal; only the factory is public.
 */
package org.dialbridge.core.provider.ucontact;
